import { FlagOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { MatterDetail } from '../../../../core/contracts/matters';
import { channelLabels } from '../../../../core/domain/matters/model';
import { time } from './matter-format';
import { KindTag, RiskTag, StatusTag } from './tags';

export function MatterHeaderCard({ m }: { m: MatterDetail }) {
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
