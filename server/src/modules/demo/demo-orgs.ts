/**
 * The demo county's non-territorial organisations. Their names are synthetic (every row is flagged
 * `synthetic`, and invented personal names carry 演示): real departments, units and committees are
 * loaded by each county from its own records.
 */
export const districtDepartments = [
  '信访局',
  '司法局',
  '公安分局',
  '人力资源和社会保障局',
  '住房和城乡建设局',
  '自然资源局',
  '农业农村局',
  '卫生健康局',
  '市场监督管理局',
  '生态环境分局',
  '应急管理局',
  '人民法院',
  '人民检察院',
];

export const townUnits = ['派出所', '司法所', '综合执法队'];

/** 人民法庭 sit in some towns only; the demo puts one in every fifth town. */
export const tribunalEvery = 5;

export const industryCommittees = [
  '医疗纠纷人民调解委员会',
  '道路交通事故纠纷人民调解委员会',
  '劳动争议人民调解委员会',
  '物业纠纷人民调解委员会',
  '婚姻家庭纠纷人民调解委员会',
  '消费纠纷人民调解委员会',
];

/** 28 个人调解室, as in the seed article; surnames only, marked as demo names. */
const surnames = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯'.split('');
export const mediationRooms = surnames.slice(0, 28).map((s) => `老${s}调解室（演示）`);

export const socialOrgs = ['红白理事会', '百姓议事会', '百事服务团', '道德评判团'];

/**
 * 转介服务 providers (core/domain/referrals): the legal-aid center under the justice bureau and the
 * district's counselling center, both `service_center`s.
 */
export const legalAidCenter = { parent: '司法局', name: '法律援助中心' };
export const counsellingCenter = '社会心理服务中心';
