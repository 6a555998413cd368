import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  BookOutlined,
  BranchesOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  CommentOutlined,
  CompassOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FlagOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  MobileOutlined,
  QrcodeOutlined,
  ReadOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SlidersOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App as AntdApp,
  Button,
  Drawer,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Space,
  Tag,
  Typography,
} from 'antd';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../../core/contracts/auth';
import { isPoliceStation } from '../../../core/domain/mediation/linked-routes';
import type { Action } from '../../../core/domain/permissions';
import { roleLabels } from '../../../core/domain/roles';
import { logout } from '../api/auth';
import { setStepUpPrompt } from '../api/client';
import { PageSpin } from '../components/PageSpin';
import { endSession, useMe } from './auth';
import { CalendarCoverageBanner, SimulatedClockTag } from './SystemBanner';
import { HEADER_HEIGHT } from './theme';
import { useCountyName } from './useCountyName';

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  action?: Action;
  /** Shown only where the account's org fits (a 派出所's page). */
  when?: (me: Me) => boolean;
}

// Loaded when first opened: it brings the contract schemas (zod) along.
const TwoFactorModal = lazy(() =>
  import('../features/account/TwoFactorModal').then((m) => ({ default: m.TwoFactorModal })),
);
const StepUpModal = lazy(() =>
  import('../features/account/StepUpModal').then((m) => ({ default: m.StepUpModal })),
);
const ChangePasswordModal = lazy(() =>
  import('../features/account/ChangePasswordModal').then((m) => ({ default: m.ChangePasswordModal })),
);

const navItems: NavItem[] = [
  { path: '/', label: '工作台', icon: <HomeOutlined aria-hidden /> },
  {
    path: '/dashboard',
    label: '指挥调度',
    icon: <DashboardOutlined aria-hidden />,
    action: 'dashboard.view',
  },
  {
    path: '/region',
    label: '全市总览',
    icon: <DashboardOutlined aria-hidden />,
    action: 'dashboard.region',
  },
  { path: '/risk', label: '风险预警', icon: <AlertOutlined aria-hidden />, action: 'dashboard.view' },
  {
    path: '/dispatch',
    label: '工作调度会',
    icon: <ScheduleOutlined aria-hidden />,
    action: 'dispatch.convene',
  },
  {
    path: '/police-referrals',
    label: '警调移交',
    icon: <SafetyOutlined aria-hidden />,
    action: 'linked.police_refer',
    when: (me) => Boolean(me.org && isPoliceStation(me.org)),
  },
  { path: '/joint-tasks', label: '联合任务', icon: <CarryOutOutlined aria-hidden />, action: 'dispatch.act' },
  { path: '/patrol', label: '联防排班', icon: <CompassOutlined aria-hidden />, action: 'dispatch.act' },
  {
    path: '/safety-targets',
    label: '平安建设',
    icon: <FlagOutlined aria-hidden />,
    action: 'dispatch.convene',
  },
  {
    path: '/referrals',
    label: '转介待办',
    icon: <SolutionOutlined aria-hidden />,
    action: 'referral.provide',
  },
  { path: '/matters', label: '事项办理', icon: <FileTextOutlined aria-hidden />, action: 'matter.work' },
  {
    path: '/deliberation',
    label: '议事协商',
    icon: <CommentOutlined aria-hidden />,
    action: 'deliberation.attend',
  },
  { path: '/messages', label: '站内消息', icon: <BellOutlined aria-hidden /> },
  // The grid worker's phone kit has its own layout (and works offline).
  { path: '/field', label: '网格员工作台', icon: <MobileOutlined aria-hidden />, action: 'field.work' },
  {
    path: '/workforce',
    label: '网格员队伍',
    icon: <SolutionOutlined aria-hidden />,
    action: 'workforce.read',
  },
  {
    path: '/workforce/training',
    label: '日常培训',
    icon: <ReadOutlined aria-hidden />,
    action: 'workforce.read',
  },
  {
    path: '/workforce/assessment',
    label: '网格员考核',
    icon: <TrophyOutlined aria-hidden />,
    action: 'workforce.read',
  },
  { path: '/orgs', label: '组织机构', icon: <ClusterOutlined aria-hidden />, action: 'org.read' },
  { path: '/map', label: '网格地图', icon: <EnvironmentOutlined aria-hidden />, action: 'grid.read' },
  { path: '/users', label: '用户管理', icon: <TeamOutlined aria-hidden />, action: 'user.read' },
  {
    path: '/open311-clients',
    label: '接入密钥',
    icon: <ApiOutlined aria-hidden />,
    action: 'open311.manage',
  },
  {
    path: '/config/routing',
    label: '分流规则',
    icon: <BranchesOutlined aria-hidden />,
    action: 'config.manage',
  },
  {
    path: '/config/time-limits',
    label: '本地时限',
    icon: <FieldTimeOutlined aria-hidden />,
    action: 'config.manage',
  },
  {
    path: '/config/holidays',
    label: '节假日安排',
    icon: <CalendarOutlined aria-hidden />,
    action: 'config.manage',
  },
  {
    path: '/config/referral-providers',
    label: '转介服务机构',
    icon: <SolutionOutlined aria-hidden />,
    action: 'config.manage',
  },
  {
    path: '/config/duty-standard',
    label: '履职标准',
    icon: <SolutionOutlined aria-hidden />,
    action: 'config.manage',
  },
  {
    path: '/config/risk-policies',
    label: '预警参数',
    icon: <SlidersOutlined aria-hidden />,
    action: 'config.manage',
  },
  { path: '/config/catalog', label: '事项目录', icon: <BookOutlined aria-hidden />, action: 'config.manage' },
  {
    path: '/config/town-portals',
    label: '掌上入口',
    icon: <QrcodeOutlined aria-hidden />,
    action: 'config.manage',
  },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined aria-hidden />, action: 'audit.read' },
  {
    path: '/config/court-docking',
    label: '诉调对接设置',
    icon: <BankOutlined aria-hidden />,
    action: 'config.manage',
  },
];

export function visibleNavItems(me: Me): NavItem[] {
  return navItems.filter((i) => (!i.action || me.permissions.includes(i.action)) && (!i.when || i.when(me)));
}

function selectedKey(pathname: string): string {
  // The longest match wins: /workforce/assessment is its own item, not /workforce's.
  const hit = navItems
    .filter((i) => i.path !== '/' && (pathname === i.path || pathname.startsWith(`${i.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return hit?.path ?? '/';
}

function Brand({ countyName }: { countyName: string }) {
  return (
    <div style={{ padding: '14px 20px 10px', lineHeight: 1.3 }}>
      <div style={{ fontSize: 22, fontWeight: 700, letterSpacing: 4, color: '#1f5fa8' }}>综治</div>
      <div style={{ fontSize: 12, color: '#5b6b7f' }}>{countyName} · 三级综治中心一体化平台</div>
    </div>
  );
}

function RoleTags({ me }: { me: Me }) {
  return (
    <>
      {me.roles.map((r) => (
        <Tag key={r} color="blue" style={{ marginInlineEnd: 4 }}>
          {roleLabels[r]}
        </Tag>
      ))}
    </>
  );
}

export function AppLayout() {
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.lg;
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const countyName = useCountyName(me.countyCode);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const mustChange = me.mustChangePassword;
  const [twoFactorOpen, setTwoFactorOpen] = useState(false);
  const mustEnrol = me.restriction === 'totp_enrolment';
  // The API client asks through this modal when the server wants a fresh code (step-up).
  const [stepUpDone, setStepUpDone] = useState<((ok: boolean) => void) | null>(null);
  useEffect(() => {
    setStepUpPrompt(() => new Promise<boolean>((resolve) => setStepUpDone(() => resolve)));
    return () => setStepUpPrompt(null);
  }, []);

  const logoutMutation = useMutation({
    mutationFn: logout,
    // Even when the server call failed the local session is gone: go to the login page.
    onSettled: () => endSession(queryClient, 'logout'),
  });

  const items: MenuProps['items'] = visibleNavItems(me).map((i) => ({
    key: i.path,
    icon: i.icon,
    label: i.label,
    'data-testid': `nav-${i.path === '/' ? 'home' : i.path.slice(1)}`,
  }));
  const menu = (
    <nav aria-label="主导航">
      <Menu
        mode="inline"
        items={items}
        selectedKeys={[selectedKey(location.pathname)]}
        onClick={({ key }) => {
          setDrawerOpen(false);
          navigate(key);
        }}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );

  const accountButtons = (
    <>
      {!me.twoFactor.enrolled && (
        <Button
          icon={<SafetyOutlined aria-hidden />}
          onClick={() => {
            setDrawerOpen(false);
            setTwoFactorOpen(true);
          }}
          data-testid="two-factor"
        >
          两步验证
        </Button>
      )}
      <Button
        icon={<KeyOutlined aria-hidden />}
        onClick={() => setPasswordOpen(true)}
        data-testid="change-password"
      >
        修改密码
      </Button>
      <Button
        icon={<LogoutOutlined aria-hidden />}
        onClick={() => logoutMutation.mutate()}
        loading={logoutMutation.isPending}
        data-testid="logout"
      >
        退出登录
      </Button>
    </>
  );

  // antd's App (message, notification, modal hooks) lives here, not around the login page: smaller first load.
  return (
    <AntdApp>
      <Layout style={{ minHeight: '100vh' }}>
        {!isMobile && (
          <Layout.Sider width={216} theme="light" style={{ borderInlineEnd: '1px solid #e8ecf1' }}>
            <div style={{ position: 'sticky', top: 0 }}>
              <Brand countyName={countyName} />
              {menu}
            </div>
          </Layout.Sider>
        )}
        <Layout>
          <Layout.Header
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 12,
              height: HEADER_HEIGHT,
              lineHeight: `${HEADER_HEIGHT}px`,
              borderBottom: '1px solid #e8ecf1',
              position: 'sticky',
              top: 0,
              zIndex: 500,
            }}
          >
            {isMobile && (
              <Button
                type="text"
                icon={<MenuOutlined aria-hidden />}
                aria-label="打开导航菜单"
                aria-expanded={drawerOpen}
                aria-controls="nav-drawer"
                onClick={() => setDrawerOpen(true)}
                data-testid="open-nav"
              />
            )}
            <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }} data-testid="county-name">
              {isMobile ? `综治 · ${countyName}` : countyName}
            </Typography.Text>
            <div style={{ flex: 1 }} />
            <SimulatedClockTag />
            {isMobile ? (
              <Typography.Text ellipsis style={{ maxWidth: 140 }} data-testid="header-user">
                <UserOutlined aria-hidden /> {me.displayName}
              </Typography.Text>
            ) : (
              <Space size={12} style={{ lineHeight: 'normal' }}>
                <span data-testid="header-user">
                  <UserOutlined aria-hidden /> <Typography.Text strong>{me.displayName}</Typography.Text>
                  {me.org && (
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {me.org.name}
                    </Typography.Text>
                  )}
                </span>
                <span>
                  <RoleTags me={me} />
                </span>
                {accountButtons}
              </Space>
            )}
          </Layout.Header>
          <Layout.Content style={{ padding: isMobile ? 12 : 20, minWidth: 0 }}>
            <CalendarCoverageBanner me={me} />
            <Suspense fallback={<PageSpin />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>

        <Drawer
          id="nav-drawer"
          placement="left"
          open={isMobile && drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={280}
          title={<Brand countyName={countyName} />}
          styles={{ body: { padding: 0 }, header: { padding: 0 } }}
          footer={
            <div style={{ display: 'flex', flexDirection: 'column', gap: 8, padding: '4px 0' }}>
              <div>
                <Typography.Text strong>{me.displayName}</Typography.Text>
                {me.org && <div style={{ color: '#5b6b7f', fontSize: 13 }}>{me.org.name}</div>}
                <div style={{ marginTop: 4 }}>
                  <RoleTags me={me} />
                </div>
              </div>
              <Space wrap>{accountButtons}</Space>
            </div>
          }
          aria-label="导航菜单"
        >
          {menu}
        </Drawer>

        {(twoFactorOpen || mustEnrol) && !mustChange && (
          <Suspense fallback={null}>
            <TwoFactorModal
              forced={mustEnrol}
              onClose={() => setTwoFactorOpen(false)}
              onLogout={() => logoutMutation.mutate()}
            />
          </Suspense>
        )}
        {stepUpDone && (
          <Suspense fallback={null}>
            <StepUpModal
              onDone={(ok) => {
                stepUpDone(ok);
                setStepUpDone(null);
              }}
            />
          </Suspense>
        )}
        {(passwordOpen || mustChange) && (
          <Suspense fallback={null}>
            <ChangePasswordModal
              open
              forced={mustChange}
              onClose={() => setPasswordOpen(false)}
              onLogout={() => logoutMutation.mutate()}
              onSessionEnded={() => endSession(queryClient, 'password_changed')}
            />
          </Suspense>
        )}
      </Layout>
    </AntdApp>
  );
}
