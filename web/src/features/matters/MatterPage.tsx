import {
  ArrowLeftOutlined,
  EditOutlined,
  EyeOutlined,
  FileTextOutlined,
  FlagOutlined,
  PlusOutlined,
  QuestionCircleOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Space,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { MatterDetail } from '../../../../core/contracts/matters';
import {
  channelLabels,
  isTerminal,
  matterStatuses,
  matterStatusLabels,
} from '../../../../core/domain/matters/model';
import { ApiError } from '../../api/client';
import { fetchMatter, fetchMatterUnmasked, matterKeys } from '../../api/matters';
import { useMe } from '../../app/auth';
import { PageSpin } from '../../components/PageSpin';
import { useReportError } from '../../components/useReportError';
import { CourtCard } from '../court/CourtCard';
import { MatterLinksCard } from '../deliberation/MatterLinksCard';
import { AgreementCard } from '../mediation/AgreementCard';
import { ReferralsCard } from '../referrals/ReferralsCard';
import { ActionDialog, type AllowedAction } from './ActionDialog';
import { AttachmentsCard } from './AttachmentsCard';
import type { IntakeNotice } from './IntakePage';
import { PartyDialog } from './PartyDialog';
import { SuperviseDialog } from './SuperviseDialog';
import { deadlineStateLabels, KindTag, ProvisionalTag, Remaining, RiskTag, StatusTag } from './tags';

const partyRoleLabels = { applicant: '反映人', respondent: '被反映人', other: '其他当事人' } as const;
const coHandlerStatusLabels = { working: '协办中', reported: '已反馈', released: '已解除' } as const;

function statusWord(s: string | null): string | null {
  if (!s) return null;
  return (matterStatuses as readonly string[]).includes(s)
    ? matterStatusLabels[s as (typeof matterStatuses)[number]]
    : s;
}

function time(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

function HeaderCard({ m }: { m: MatterDetail }) {
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Space wrap size={[8, 4]} style={{ marginBottom: 6 }}>
        <Typography.Text code data-testid="matter-code">
          {m.code}
        </Typography.Text>
        <StatusTag status={m.status} />
        <KindTag kind={m.kind} />
        <RiskTag grade={m.riskGrade} />
        {m.urgent && <Tag color="red">紧急</Tag>}
        {m.collective && <Tag color="volcano">集体（{m.applicantCount} 人）</Tag>}
        {m.supervised && (
          <Tag color="magenta" icon={<FlagOutlined aria-hidden />} data-testid="matter-supervised">
            督办中
          </Tag>
        )}
      </Space>
      <Typography.Title level={3} style={{ margin: '4px 0 8px' }} data-testid="matter-title">
        {m.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label="责任单位">
          <span data-testid="matter-owner">{m.owner.name}</span>
        </Descriptions.Item>
        {m.pendingOrg && (
          <Descriptions.Item label="待签收单位">
            <span data-testid="matter-pending">{m.pendingOrg.name}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="类别">{m.categoryName}</Descriptions.Item>
        <Descriptions.Item label="来源渠道">{channelLabels[m.channel]}</Descriptions.Item>
        <Descriptions.Item label="登记时间">{time(m.createdAt)}</Descriptions.Item>
        {m.receipt.receivedAt !== m.receipt.registeredAt && (
          <Descriptions.Item label="收到日期">
            <span data-testid="matter-received">
              {time(m.receipt.receivedAt)}
              {m.receipt.evidence ? `（依据：${m.receipt.evidence}）` : ''}
            </span>
          </Descriptions.Item>
        )}
        {m.externalBody && (
          <Descriptions.Item label={m.externalBody.for === 'review' ? '复查机关' : '复核机关'}>
            <span data-testid="matter-external-body">
              已于{time(m.externalBody.sentAt)}移送{m.externalBody.name}，待登记其答复
            </span>
          </Descriptions.Item>
        )}
        {m.ending && (
          <Descriptions.Item label="办结方式" span={2}>
            <span data-testid="matter-ending">
              {m.ending.label}：{m.ending.words}（结案文书：{m.ending.documentTitle}）
            </span>
          </Descriptions.Item>
        )}
        {(m.town || m.village) && (
          <Descriptions.Item label="所在地">
            {[m.town, m.village, m.grid].filter(Boolean).join(' / ')}
          </Descriptions.Item>
        )}
        {m.address && <Descriptions.Item label="地址">{m.address}</Descriptions.Item>}
        {m.lng !== null && m.lat !== null && (
          <Descriptions.Item label="坐标">
            <span data-testid="matter-coords">
              {m.lng.toFixed(6)}, {m.lat.toFixed(6)}（WGS-84
              {m.coordConvertedFrom === 'gcj02' ? '，由手机地图的 GCJ-02 坐标换算' : ''}）
            </span>
          </Descriptions.Item>
        )}
        {m.petitionStage && <Descriptions.Item label="信访阶段">{m.petitionStage}</Descriptions.Item>}
        {m.reworkCount > 0 && (
          <Descriptions.Item label="返工次数">
            <span data-testid="matter-rework">{m.reworkCount}</span>
          </Descriptions.Item>
        )}
        {m.archiveNo && (
          <Descriptions.Item label="档案号">
            <span data-testid="matter-archive-no">{m.archiveNo}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>
        {m.description}
      </Typography.Paragraph>
      {m.routing.reason && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="matter-routing"
          title={
            <span>
              分流建议：{m.routing.reason}
              <Typography.Text type="secondary">（为什么在这里）</Typography.Text>
            </span>
          }
        />
      )}
    </Card>
  );
}

function DeadlinesCard({ m }: { m: MatterDetail }) {
  return (
    <Card size="small" title="办理期限" style={{ marginBottom: 16 }}>
      {m.deadlines.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有计时中的期限" />
      ) : (
        <List
          size="small"
          dataSource={m.deadlines}
          data-testid="matter-deadlines"
          renderItem={(d) => (
            <List.Item key={d.id}>
              <div style={{ width: '100%' }}>
                <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong>{d.label}</Typography.Text>
                  <Remaining state={d.state} remaining={d.remaining} explanation={d.explanation} />
                </Space>
                <div style={{ fontSize: 12, color: '#5b6b7f' }}>
                  {d.org.name} · {deadlineStateLabels[d.state]}
                  {d.dueAt && ` · 期限至 ${time(d.dueAt)}`} <ProvisionalTag note={d.provisionalNote} />
                </div>
                {d.provisionalNote ? (
                  <div style={{ fontSize: 12, color: '#874d00' }}>暂定：{d.provisionalNote}</div>
                ) : null}
                <div style={{ fontSize: 12, color: '#5b6b7f' }}>
                  依据：{d.citation}
                  <Tooltip title={d.explanation}>
                    <QuestionCircleOutlined
                      aria-label={`${d.label}的计算说明`}
                      tabIndex={0}
                      style={{ marginInlineStart: 6, cursor: 'help' }}
                    />
                  </Tooltip>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function PartiesCard({
  m,
  canUnmask,
  canEdit,
  onChanged,
}: {
  m: MatterDetail;
  canUnmask: boolean;
  canEdit: boolean;
  onChanged: (next: MatterDetail, what: string) => void;
}) {
  const { modal } = App.useApp();
  const [editing, setEditing] = useState<MatterDetail['parties'][number] | 'new' | null>(null);
  const report = useReportError();
  const [unmask, setUnmask] = useState(false);
  const full = useQuery({
    queryKey: matterKeys.unmasked(m.id),
    queryFn: ({ signal }) => fetchMatterUnmasked(m.id, signal),
    enabled: unmask,
    staleTime: 0,
    gcTime: 0,
  });
  useEffect(() => {
    if (full.isError) {
      report(full.error, '查看完整信息失败');
      setUnmask(false);
    }
  }, [full.isError, full.error, report]);
  const parties = unmask && full.data ? full.data.parties : m.parties;
  const masked = parties.some((p) => p.masked);
  const ask = () =>
    modal.confirm({
      title: '查看当事人完整信息',
      content: m.identityProtected
        ? '本事项涉及检举控告人身份保护。查看完整的姓名、电话和证件号码会记入审计日志，请仅在办理需要时查看，不得泄露。'
        : '查看完整的姓名、电话和证件号码会记入审计日志（谁、何时查看了哪件事项）。确定查看吗？',
      okText: '查看并记录',
      cancelText: '取消',
      onOk: () => setUnmask(true),
    });
  return (
    <Card
      size="small"
      title="当事人"
      style={{ marginBottom: 16 }}
      extra={
        <Space size={4}>
          {canEdit && (
            <Button
              size="small"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setEditing('new')}
              data-testid="parties-add"
            >
              添加当事人
            </Button>
          )}
          {canUnmask && masked && (
            <Button
              size="small"
              icon={<EyeOutlined aria-hidden />}
              onClick={ask}
              loading={full.isFetching}
              data-testid="parties-unmask"
            >
              查看完整信息
            </Button>
          )}
        </Space>
      }
    >
      {canEdit && m.kind === 'dispute' && !m.parties.some((p) => p.role !== 'applicant') && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="parties-missing-other"
          title="尚未登记对方当事人：制作调解协议前请先添加。"
        />
      )}
      {editing && (
        <PartyDialog
          matter={m}
          party={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onDone={(next) => {
            setEditing(null);
            onChanged(next, editing === 'new' ? '已添加当事人' : '已更正当事人信息');
          }}
        />
      )}
      {m.identityProtected && (
        <Alert
          type="warning"
          showIcon
          title="反映人身份受保护，不得向被反映单位或个人透露。"
          style={{ marginBottom: 8 }}
        />
      )}
      <List
        size="small"
        dataSource={parties}
        locale={{ emptyText: '无可显示的当事人' }}
        data-testid="matter-parties"
        renderItem={(p) => (
          <List.Item
            key={p.id}
            data-testid="matter-party"
            data-role={p.role}
            extra={
              canEdit && (
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined aria-hidden />}
                  onClick={() => setEditing(p)}
                  aria-label={`更正${partyRoleLabels[p.role]}信息`}
                  data-testid="party-correct"
                >
                  更正
                </Button>
              )
            }
          >
            <div>
              <Space wrap size={[6, 2]}>
                <Tag>{partyRoleLabels[p.role]}</Tag>
                <Typography.Text strong>{p.name}</Typography.Text>
                {p.representative && <Tag color="blue">代表</Tag>}
                {p.masked && <Typography.Text type="secondary">（已脱敏）</Typography.Text>}
              </Space>
              <div style={{ fontSize: 13, color: '#5b6b7f' }}>
                {[
                  p.phone && `电话 ${p.phone}`,
                  p.idNumber && `证件 ${p.idNumber}`,
                  p.address && `住址 ${p.address}`,
                ]
                  .filter(Boolean)
                  .join(' · ') || '未留联系方式'}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

function SideCards({ m }: { m: MatterDetail }) {
  return (
    <>
      <Card size="small" title="协办单位" style={{ marginBottom: 16 }}>
        {m.coHandlers.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={m.coHandlers}
            data-testid="matter-co-handlers"
            renderItem={(c) => (
              <List.Item key={c.org.id} data-testid="co-handler" data-status={c.status}>
                {c.org.name}
                <Tag color={c.status === 'reported' ? 'green' : c.status === 'released' ? 'default' : 'blue'}>
                  {coHandlerStatusLabels[c.status]}
                </Tag>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title="告知书、意见书" style={{ marginBottom: 16 }}>
        {m.notices.length === 0 ? (
          <Typography.Text type="secondary">暂无</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={m.notices}
            data-testid="matter-notices"
            renderItem={(n) => (
              <List.Item key={n.id}>
                <Link to={`/matters/${m.id}/notices/${n.id}/print`} target="_blank" rel="noopener">
                  <FileTextOutlined aria-hidden /> {n.title}
                </Link>
                <a
                  href={`/api/matters/${m.id}/notices/${n.id}/pdf`}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label={`${n.title} PDF`}
                >
                  PDF
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {time(n.servedAt)}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}

function TimelineCard({ m }: { m: MatterDetail }) {
  const entries = [...m.timeline].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Card size="small" title="办理记录" style={{ marginBottom: 16 }}>
      <Timeline
        data-testid="matter-timeline"
        items={entries.map((e, i) => {
          const from = statusWord(e.from);
          const to = statusWord(e.to);
          return {
            key: `${e.at}-${i}`,
            color: i === entries.length - 1 ? 'blue' : 'gray',
            content: (
              <div>
                <Typography.Text strong>{e.label}</Typography.Text>
                {from && to && from !== to && (
                  <Typography.Text type="secondary">
                    {' '}
                    （{from} → {to}）
                  </Typography.Text>
                )}
                <div style={{ fontSize: 12, color: '#5b6b7f' }}>
                  {time(e.at)}
                  {e.org && e.org !== e.actorName && ` · ${e.org}`}
                  {` · ${e.actorName}`}
                </div>
                {e.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>}
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}

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
  // The server decides (owning org's mediators, handlers, clerks, leaders, or the assigned mediator).
  const canEdit =
    !isTerminal(m.status) &&
    me.org?.id === m.owner.id &&
    me.roles.some((r) => ['mediator', 'handler', 'clerk', 'leader'].includes(r));
  // 督办 is an overlay a leader may raise on any matter still being worked (docs/LEGAL.md §7.4).
  const isLeader = me.roles.includes('leader') && !isTerminal(m.status);

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
      {intake && intake.code === m.code && (
        <Alert
          type={intake.duplicates.length > 0 ? 'warning' : 'success'}
          showIcon
          closable
          style={{ marginBottom: 12 }}
          data-testid="intake-result"
          title={
            intake.trackingSecret
              ? `登记成功，事项编号 ${intake.code}，查询码 ${intake.trackingSecret}（请告知信访人，只显示这一次）`
              : `登记成功，事项编号 ${intake.code}`
          }
          description={
            intake.duplicates.length > 0 ? (
              <div data-testid="intake-duplicates">
                发现 {intake.duplicates.length} 件疑似重复事项，请核对是否需要并单：
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {intake.duplicates.map((d) => (
                    <li key={d.id}>
                      <Link to={`/matters/${d.id}`}>{d.code}</Link> {d.title}（{statusWord(d.status)}）：
                      {d.reasons.join('；')}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              '未发现疑似重复事项。'
            )
          }
        />
      )}
      <HeaderCard m={m} />
      <Card size="small" title="可办理的操作" style={{ marginBottom: 16 }}>
        {m.nextStep.waiting && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="next-step-waiting"
            title={`下一步“${m.nextStep.waiting.label}”暂不能办理：${m.nextStep.waiting.reason}`}
          />
        )}
        {m.allowedActions.length === 0 && !isLeader ? (
          <Typography.Text type="secondary" data-testid="no-actions">
            当前没有您可以办理的操作。
          </Typography.Text>
        ) : (
          <Space wrap data-testid="matter-actions">
            {/* The recommended step leads (core next-steps.ts); the rest keep the table's order. */}
            {[...m.allowedActions]
              .sort((a, b) => Number(b.action === m.nextStep.action) - Number(a.action === m.nextStep.action))
              .map((a) => (
                <Button
                  key={a.action}
                  type={a.action === m.nextStep.action ? 'primary' : 'default'}
                  onClick={() => setDialog(a)}
                  data-testid={`action-${a.action}`}
                  data-recommended={a.action === m.nextStep.action ? 'true' : undefined}
                >
                  {a.label}
                </Button>
              ))}
            {isLeader && (
              <Button
                icon={<FlagOutlined aria-hidden />}
                onClick={() => setSupervising(true)}
                data-testid="action-supervise"
              >
                督办
              </Button>
            )}
          </Space>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <DeadlinesCard m={m} />
          <PartiesCard
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
          <TimelineCard m={m} />
        </Col>
        <Col xs={24} lg={9}>
          <AttachmentsCard matterId={m.id} />
          <AgreementCard m={m} />
          <CourtCard m={m} />
          <SideCards m={m} />
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
