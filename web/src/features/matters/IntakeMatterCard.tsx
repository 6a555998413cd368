import { Card, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { ServiceItem } from '../../../../core/domain/catalog/service-catalog';
import {
  type Channel,
  channelLabels,
  channels,
  type MatterKind,
  matterKindLabels,
  type RiskGrade,
  riskGradeLabels,
  riskGrades,
} from '../../../../core/domain/matters/model';
import { ServiceNoticePreview } from '../../components/ServiceNoticePreview';
import { zodRule } from '../../components/zodRule';
import { shape } from './intake-form';
import { categoryOptions, serviceItems } from './options';
import type { CatalogLists } from './useCountyCatalog';

/** 事项信息: kind, category, service item (with its notice preview), title, description, risk, receipt. */
export function IntakeMatterCard({
  kinds,
  kind,
  service,
  catalog,
}: {
  kinds: readonly MatterKind[];
  kind: MatterKind | undefined;
  service: ServiceItem | undefined;
  catalog: CatalogLists;
}) {
  return (
    <Card title="事项信息" size="small" style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="事项类型" name="kind" rules={[{ required: true, message: '请选择事项类型' }]}>
            <Select<MatterKind>
              options={kinds.map((k) => ({ value: k, label: matterKindLabels[k] }))}
              data-testid="intake-kind"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="事项类别"
            name="categoryCode"
            rules={[{ required: true, message: '请选择事项类别' }]}
          >
            <Select<string>
              placeholder="选择类别"
              options={categoryOptions(kind, catalog)}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="intake-category"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="来源渠道" name="channel" rules={[{ required: true, message: '请选择来源渠道' }]}>
            <Select<Channel>
              options={channels.map((c) => ({ value: c, label: channelLabels[c] }))}
              data-testid="intake-channel"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            label="服务事项（可选）"
            name="serviceCode"
            extra="选择服务事项后，下方显示一次性告知的全部材料，可当面告知群众。"
          >
            <Select<string>
              allowClear
              placeholder="选择服务目录中的事项"
              options={serviceItems(kind, false, catalog).map((i) => ({
                value: i.code,
                label: `${i.name}（${i.code}）`,
              }))}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="intake-service"
            />
          </Form.Item>
          {service && (
            <div style={{ marginBottom: 16 }}>
              <ServiceNoticePreview item={service} />
            </div>
          )}
        </Col>
        <Col xs={24}>
          <Form.Item
            label="标题"
            name="title"
            rules={[{ required: true, whitespace: true, message: '请填写事项标题' }, zodRule(shape.title)]}
          >
            <Input
              maxLength={80}
              showCount
              placeholder="一句话说明事项，如：邻里排水沟堵塞纠纷"
              data-testid="intake-title"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            label="事情经过与诉求"
            name="description"
            rules={[
              { required: true, whitespace: true, message: '请把事情经过写清楚' },
              zodRule(shape.description),
            ]}
          >
            <Input.TextArea
              rows={4}
              maxLength={5000}
              showCount
              placeholder="时间、地点、涉及的人、发生了什么、希望怎么解决"
              data-testid="intake-description"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item label="风险等级" name="riskGrade" extra="按类别预填，可调整。">
            <Select<RiskGrade>
              allowClear
              placeholder="未评估"
              options={riskGrades.map((r) => ({ value: r, label: riskGradeLabels[r] }))}
              data-testid="intake-risk"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item label="紧急（事不过夜）" name="urgent" valuePropName="checked">
            <Switch checkedChildren="紧急" unCheckedChildren="一般" aria-label="是否紧急" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="来访人数（多人时填写）"
            name="applicantCount"
            extra="多人反映同一事项时填写总人数。"
          >
            <InputNumber min={1} max={10000} style={{ width: '100%' }} aria-label="来访人数" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="收到日期（早于今天收到时填写）"
            name="receivedDate"
            extra="来信、转送件、迟发现的网上信访：期限从收到之日起算。"
          >
            <Input type="date" aria-label="收到日期" data-testid="intake-received" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item label="收到日期依据" name="receiptEvidence" extra="如：信封邮戳日期、转送单编号。">
            <Input maxLength={200} aria-label="收到日期依据" data-testid="intake-receipt-evidence" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
