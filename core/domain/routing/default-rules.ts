/**
 * The default routing table of a new install, after the Liangzhou "360" model (docs/PRODUCT.md §2, docs/LEGAL.md §7.7):
 * 小事不出村，大事不出镇，矛盾不上交. The district is the gathering point for major conflicts, the town the
 * terminal station for ordinary ones, the village the first window. Petitions follow 信访工作条例 art. 20
 * (逐级走访: the body of the same level or the one above) instead of the dispute ladder.
 *
 * Priorities leave gaps of 10 so the administrator can slot rules in between. The `urgent` flag is not a
 * routing condition here on purpose: urgency shortens the time limit (事不过夜), it does not move the level.
 * Risk grades are local practice of low confidence (docs/LEGAL.md §6.5), so every grade rule is a default.
 */
import type { RoutingRule } from './rules';

const PETITION_BUREAU = '信访局';

export const defaultRoutingRules: readonly RoutingRule[] = [
  {
    id: 'petition-accusation',
    priority: 1000,
    when: { kinds: ['petition'], categoryCodes: ['PET-02'] },
    target: { level: 'district', department: '纪委监委' },
    reason:
      '检举控告类信访事项由纪检监察机关依规依纪依法办理（信访工作条例第二十二条第二款、第三十条）；检举人的信息和材料不得透露给被检举人。',
  },
  {
    id: 'petition-red',
    priority: 950,
    when: { kinds: ['petition'], riskGrades: ['red'] },
    target: { level: 'district', department: PETITION_BUREAU },
    reason: '红色风险的信访事项属重大信访事项，由区信访局办理并及时报告（信访工作条例第二十五条）。',
  },
  {
    id: 'petition-collective',
    priority: 940,
    when: { kinds: ['petition'], flags: { collective: true } },
    target: { level: 'district', department: PETITION_BUREAU },
    reason:
      '多人提出的共同信访事项由区信访局统筹办理，防止事态扩大（信访工作条例第二十条第三款、第四十六条第三项）。',
  },
  {
    id: 'petition-cross-town',
    priority: 930,
    when: { kinds: ['petition'], flags: { crossTown: true } },
    target: { level: 'district', department: PETITION_BUREAU },
    reason: '涉及多个镇（街道）的信访事项，由共同的上级协调办理（信访工作条例第二十四条）。',
  },
  {
    id: 'petition-at-district',
    priority: 920,
    when: { kinds: ['petition'], receivedAt: ['district'] },
    target: { level: 'district', department: PETITION_BUREAU },
    reason: '在区级提出的信访事项，由区信访局登记办理（信访工作条例第二十条第一款：本级或者上一级）。',
  },
  {
    // A village committee is not a petition body, so petitions taken in at a village go to its town: the
    // level above, and still "把问题解决在当地".
    id: 'petition-local',
    priority: 900,
    when: { kinds: ['petition'] },
    target: { level: 'town' },
    reason:
      '在镇（街道）或者村（社区）提出的信访事项，由镇（街道）登记办理，把问题解决在当地（信访工作条例第二十条第一款、第四款）。',
  },
  {
    id: 'red',
    priority: 800,
    when: { riskGrades: ['red'] },
    target: { level: 'district' },
    reason: '红色风险等级的事项属重大矛盾，由区综治中心统筹化解（区中心是重大矛盾"集结地"）。',
  },
  {
    id: 'collective',
    priority: 790,
    when: { flags: { collective: true } },
    target: { level: 'district' },
    reason: '群体性事项涉及面广，由区综治中心统筹，组织有关部门联合化解。',
  },
  {
    id: 'cross-town',
    priority: 780,
    when: { flags: { crossTown: true } },
    target: { level: 'district' },
    reason: '跨镇（街道）的事项，由共同的上级区综治中心协调（参照信访工作条例第二十四条）。',
  },
  {
    id: 'department-owned',
    priority: 770,
    when: { flags: { departmentOwned: true } },
    target: { level: 'district' },
    reason:
      '属于区直部门职责的事项，由区综治中心派单给职能部门办理（综治中心程序性推进、办理部门实质性解决）。',
  },
  // 专调 (issue 17): disputes of a field that has its own 行业性、专业性人民调解委员会 go to it; the
  // committee's name is the hint (resolved among the district's committees). Labour disputes keep the
  // town rule below: 劳动争议调解仲裁法 art. 10(3) names the town's own labour mediation organisation.
  {
    id: 'professional-medical',
    priority: 760,
    when: { kinds: ['dispute'], categoryCodes: ['MED-12'] },
    target: { level: 'district', department: '医疗纠纷人民调解委员会' },
    reason:
      '医疗纠纷由区医疗纠纷人民调解委员会（医调委）专业调解（医疗纠纷预防和处理条例第二十二条、第三十二条；人民调解法第三十四条）。',
  },
  {
    id: 'professional-traffic',
    priority: 750,
    when: { kinds: ['dispute'], categoryCodes: ['MED-13'] },
    target: { level: 'district', department: '道路交通事故纠纷人民调解委员会' },
    reason:
      '道路交通事故损害赔偿纠纷由区道路交通事故纠纷人民调解委员会（交调委）专业调解（人民调解法第三十四条）。',
  },
  {
    id: 'professional-property',
    priority: 740,
    when: { kinds: ['dispute'], categoryCodes: ['MED-14'] },
    target: { level: 'district', department: '物业纠纷人民调解委员会' },
    reason: '物业纠纷由区物业纠纷人民调解委员会专业调解（人民调解法第三十四条）。',
  },
  {
    id: 'professional-consumer',
    priority: 730,
    when: { kinds: ['dispute'], categoryCodes: ['MED-11'] },
    target: { level: 'district', department: '消费纠纷人民调解委员会' },
    reason: '消费纠纷由区消费纠纷人民调解委员会专业调解（人民调解法第三十四条）。',
  },
  {
    id: 'grid-public-order',
    priority: 720,
    when: { kinds: ['report'], categoryCodes: ['GRID-04'] },
    target: { level: 'town', department: '派出所' },
    reason:
      '治安问题由镇（街道）派出所处置；可能引起治安案件、刑事案件的，应当及时报告公安机关（人民调解法第二十五条）。',
  },
  {
    // 山林土地 and 征地拆迁 turn on policy and land records a village cannot decide; 劳动争议 has its own
    // town-level mediation organisations (劳动争议调解仲裁法 art. 10(3)); in 村务管理 the village committee
    // is itself a party.
    id: 'town-categories',
    priority: 700,
    when: {
      kinds: ['dispute', 'request'],
      categoryCodes: ['MED-07', 'MED-08', 'MED-10', 'MED-16', 'MED-17'],
    },
    target: { level: 'town' },
    reason:
      '山林土地、征地拆迁、劳动争议、拖欠农民工工资、村务管理纠纷政策性强或者涉及村组织自身，由镇（街道）办理（大事不出镇）。',
  },
  {
    id: 'orange',
    priority: 690,
    when: { riskGrades: ['orange'] },
    target: { level: 'town' },
    reason: '橙色风险等级的一般矛盾，由镇（街道）综治中心办理（大事不出镇，镇是一般矛盾"终点站"）。',
  },
  {
    id: 'consultation-village',
    priority: 600,
    when: { kinds: ['consultation'] },
    target: { level: 'village' },
    reason: '咨询类事项由村（社区）当场解答，答不了的再转（小事不出村）。',
  },
  {
    id: 'dispute-yellow-village',
    priority: 590,
    when: { kinds: ['dispute'], riskGrades: ['yellow'] },
    target: { level: 'village' },
    reason: '黄色风险等级的一般纠纷，由村（社区）人民调解委员会就地调解（小事不出村）。',
  },
  {
    id: 'report-yellow-village',
    priority: 580,
    when: { kinds: ['report'], riskGrades: ['yellow'] },
    target: { level: 'village' },
    reason: '黄色风险等级的网格事件，由村（社区）就地处置（小事不出村）。',
  },
  {
    id: 'request-village',
    priority: 570,
    when: { kinds: ['request'] },
    target: { level: 'village' },
    reason: '便民服务诉求由村（社区）便民服务站办理。',
  },
  {
    id: 'catch-all',
    priority: 0,
    when: {},
    target: { level: 'town' },
    reason: '未匹配其他规则的事项，由镇（街道）综治中心研判后办理。',
  },
];
