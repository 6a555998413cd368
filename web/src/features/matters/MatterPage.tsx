import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Row, Space } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { MatterDetail } from '../../../../core/contracts/matters';
import { isTerminal } from '../../../../core/domain/matters/model';
import { ApiError } from '../../api/client';
import { fetchMatter, matterKeys } from '../../api/matters';
import { useMe } from '../../app/auth';
import { PageSpin } from '../../components/PageSpin';
import { CourtCard } from '../court/CourtCard';
import { MatterLinksCard } from '../deliberation/MatterLinksCard';
import { AgreementCard } from '../mediation/AgreementCard';
import { ReferralsCard } from '../referrals/ReferralsCard';
import { ActionDialog, type AllowedAction } from './ActionDialog';
import { AttachmentsCard } from './AttachmentsCard';
import { IntakeResult } from './IntakeResult';
import type { IntakeNotice } from './intake-form';
import { MatterActionsCard } from './MatterActionsCard';
import { MatterDeadlinesCard } from './MatterDeadlinesCard';
import { MatterHeaderCard } from './MatterHeaderCard';
import { MatterPartiesCard } from './MatterPartiesCard';
import { MatterSideCards } from './MatterSideCards';
import { MatterTimelineCard } from './MatterTimelineCard';
import { SuperviseDialog } from './SuperviseDialog';

export function MatterPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<AllowedAction | null>(null);
  const [supervising, setSupervising] = useState(false);
  const intake = (location.state as { intake?: IntakeNotice } | null)?.intake;

  const detail = useQuery({
    queryKey: matterKeys.detail(id),
    queryFn: ({ signal }) => fetchMatter(id, signal),
    staleTime: 5_000,
  });

  if (detail.isPending) return <PageSpin />;
  if (detail.isError) {
    const notFound = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Alert
        type="error"
        showIcon
        title={notFound ? '未找到该事项，或您无权查看' : '事项加载失败'}
        description={detail.error.message}
        action={<Button onClick={() => navigate('/matters')}>返回事项列表</Button>}
      />
    );
  }
  const m = detail.data;
  const canUnmask = m.viewerMayUnmask;
  // The server decides ('matter.edit_parties' in the owning org, or the assigned mediator).
  const canEdit =
    !isTerminal(m.status) && me.org?.id === m.owner.id && me.permissions.includes('matter.edit_parties');
  // 督办 is an overlay a leader may raise on any matter still being worked (docs/LEGAL.md §7.4).
  const maySupervise = me.permissions.includes('matter.supervise') && !isTerminal(m.status);

  const done = (allowed: AllowedAction, next: MatterDetail | null) => {
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: ['matters', 'list'] });
    queryClient.removeQueries({ queryKey: matterKeys.unmasked(id) });
    if (next === null) {
      queryClient.removeQueries({ queryKey: matterKeys.detail(id) });
      message.success(`已${allowed.label}；该事项已移出您的办理范围`);
      navigate('/matters');
      return;
    }
    queryClient.setQueryData(matterKeys.detail(id), next);
    message.success(`已${allowed.label}`);
  };

  return (
    <div style={{ maxWidth: 1280 }} data-testid="matter-page" data-version={m.version}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Button
          icon={<ArrowLeftOutlined aria-hidden />}
          // Opened from a link in a new tab there is no page to go back to: go to the queue instead.
          onClick={() => (location.key === 'default' ? navigate('/matters') : navigate(-1))}
        >
          返回
        </Button>
        <Button
          icon={<ReloadOutlined aria-hidden />}
          aria-label="刷新事项"
          onClick={() => void detail.refetch()}
          loading={detail.isFetching}
        />
      </Space>
      {intake && intake.code === m.code && <IntakeResult intake={intake} />}
      <MatterHeaderCard m={m} />
      <MatterActionsCard
        m={m}
        maySupervise={maySupervise}
        onAction={setDialog}
        onSupervise={() => setSupervising(true)}
      />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <MatterDeadlinesCard m={m} />
          <MatterPartiesCard
            m={m}
            canUnmask={canUnmask}
            canEdit={canEdit}
            onChanged={(next, what) => {
              queryClient.removeQueries({ queryKey: matterKeys.unmasked(id) });
              queryClient.setQueryData(matterKeys.detail(id), next);
              message.success(what);
            }}
          />
          <MatterLinksCard m={m} />
          <ReferralsCard m={m} />
          <MatterTimelineCard m={m} />
        </Col>
        <Col xs={24} lg={9}>
          <AttachmentsCard matterId={m.id} />
          <AgreementCard m={m} />
          <CourtCard m={m} />
          <MatterSideCards m={m} />
        </Col>
      </Row>
      {dialog && (
        <ActionDialog
          matter={m}
          allowed={dialog}
          onClose={() => setDialog(null)}
          onDone={(next) => done(dialog, next)}
        />
      )}
      {supervising && (
        <SuperviseDialog
          matter={m}
          onClose={() => setSupervising(false)}
          onDone={(next) => {
            setSupervising(false);
            queryClient.setQueryData(matterKeys.detail(id), next);
            void queryClient.invalidateQueries({ queryKey: ['matters', 'list'] });
            message.success('已督办');
          }}
        />
      )}
    </div>
  );
}
