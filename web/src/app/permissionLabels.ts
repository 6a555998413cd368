import type { Action } from '../../../core/domain/permissions';

/** What each permission lets the user do, in words for the 工作台. */
export const actionDescriptions: Record<Action, string> = {
  'org.read': '查看辖区内的组织机构及综治中心',
  'org.manage': '新增下级组织、重命名、停用或启用组织',
  'grid.read': '查看网格地图，查询任一位置所属的网格、村（社区）和镇（街道）',
  'grid.manage': '管理网格范围与网格数据',
  'grid.assign_worker': '为网格指派网格员',
  'user.read': '查看辖区内的用户账号',
  'user.manage': '新建和编辑用户、停用或启用账号、重置密码',
  'user.grant_role': '授予和调整用户角色',
  'user.unlock': '解锁因多次登录失败被临时锁定的账号，为丢失手机的人解除身份验证器绑定',
  'user.approve_reset': '审批系统管理员对领导、业务管理员账号的密码重置',
  'audit.read': '查阅审计日志',
  'audit.verify': '校验审计日志哈希链是否完整',
  'config.manage': '维护分流规则、时限等业务配置',
  'open311.manage': '为 Open311 接入客户端签发、查看和吊销 API 密钥',
  'dashboard.view': '查看指挥调度大屏',
  'clock.set': '演示、培训环境中把模拟时钟拨到以后的某一时刻',
  'pii.unmask': '在本单位负责的事项中查看当事人完整的姓名、电话和证件号码（记入审计）',
  'workforce.read': '查看辖区内的网格员花名册和考核结果',
  'workforce.manage': '办理网格员请假、离职交接，录入镇街考核评价；县级管理培训课程',
  'training.record': '登记本辖区的培训场次和网格员签到',
  'dispatch.convene': '召开工作调度会，把决定交办为联合任务；对风险预警部署治未病措施',
  'dispatch.act': '办理交给本单位的联合任务和治未病措施：报告进展、办结',
};
