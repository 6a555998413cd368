import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import type { IntakeBody } from '../../../../core/contracts/matters';
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import { matterKinds } from '../../../../core/domain/matters/model';
import { clientId } from '../../api/client';
import { intakeMatter, matterKeys } from '../../api/matters';
import { useMe } from '../../app/auth';
import { applyServerFieldErrors } from '../../components/formErrors';
import { useReportError } from '../../components/useReportError';
import { zodRule } from '../../components/zodRule';
import { IntakeMatterCard } from './IntakeMatterCard';
import { IntakePartiesCard } from './IntakePartiesCard';
import { type IntakeNotice, type IntakeValues, shape, toBody, topFields } from './intake-form';
import { serviceItem } from './options';
import { useCountyCatalog } from './useCountyCatalog';
import { VillageSelect } from './VillageSelect';

export function IntakePage() {
  const me = useMe();
  const { catalog } = useCountyCatalog(me.countyCode);
  const navigate = useNavigate();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<IntakeValues>();
  const kind = Form.useWatch('kind', form);
  const serviceCode = Form.useWatch('serviceCode', form);
  // One key per distinct submission: a retry of the same content is answered with the first result.
  const attempt = useRef<{ json: string; key: string } | null>(null);

  const kinds = matterKinds.filter((k) => k !== 'report' || me.permissions.includes('matter.report'));
  const service = serviceItem(serviceCode, catalog);

  const mutation = useMutation({
    mutationFn: (body: IntakeBody) => {
      const json = JSON.stringify(body);
      if (attempt.current?.json !== json) attempt.current = { json, key: clientId() };
      return intakeMatter(body, attempt.current.key);
    },
    onSuccess: async (res) => {
      attempt.current = null;
      await queryClient.invalidateQueries({ queryKey: matterKeys.all });
      queryClient.setQueryData(matterKeys.detail(res.matter.id), res.matter);
      const notice: IntakeNotice = {
        code: res.matter.code,
        duplicates: res.duplicates,
        trackingSecret: res.trackingSecret,
      };
      navigate(`/matters/${res.matter.id}`, { state: { intake: notice } });
    },
    onError: (e) => {
      if (!applyServerFieldErrors(form, topFields, e)) report(e, '登记失败');
    },
  });

  const onValuesChange = (changed: Partial<IntakeValues>) => {
    if (changed.kind) form.setFieldsValue({ categoryCode: undefined, serviceCode: undefined });
    if (changed.categoryCode && !form.isFieldTouched('riskGrade')) {
      const c = categoryByCode(changed.categoryCode, catalog.categories);
      if (c) form.setFieldValue('riskGrade', c.riskHint);
    }
    if (changed.serviceCode) {
      const item = serviceItem(changed.serviceCode, catalog);
      const code = item?.categoryCode;
      if (
        code &&
        !form.getFieldValue('categoryCode') &&
        categoryByCode(code, catalog.categories)?.kinds.includes(item.kind)
      ) {
        form.setFieldValue('categoryCode', code);
      }
    }
  };

  return (
    <div style={{ maxWidth: 1100 }}>
      <Space style={{ marginBottom: 8 }}>
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/matters')}>
          返回事项列表
        </Button>
      </Space>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        登记事项
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        首问负责：在{me.org?.name ?? '本单位'}窗口登记的事项，由本单位负责到底，流转后签收前仍由本单位负责。
      </Typography.Paragraph>
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        aria-label="登记事项"
        data-testid="intake-form"
        initialValues={{
          kind: 'dispute',
          channel: 'walk_in',
          urgent: false,
          villageId: me.org?.kind === 'village' ? me.org.id : undefined,
          parties: [{ role: 'applicant' }, { role: 'respondent' }],
        }}
        onValuesChange={onValuesChange}
        onFinish={(v) => mutation.mutate(toBody(v))}
        scrollToFirstError
      >
        <IntakeMatterCard kinds={kinds} kind={kind} service={service} catalog={catalog} />

        <Card title="事发地点" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item label="所在村（社区）" name="villageId">
                <VillageSelect aria-label="所在村（社区）" data-testid="intake-village" />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item
                label="详细地址"
                name="address"
                rules={[zodRule(shape.place.shape.address.unwrap())]}
              >
                <Input maxLength={200} placeholder="街道门牌或具体位置" data-testid="intake-address" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <IntakePartiesCard />

        {mutation.isError && !mutation.isPending && (
          <Alert
            type="error"
            showIcon
            title="登记未成功"
            description={mutation.error.message}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Space wrap>
          <Button
            type="primary"
            htmlType="submit"
            loading={mutation.isPending}
            size="large"
            data-testid="intake-submit"
          >
            登记
          </Button>
          <Button size="large" onClick={() => navigate('/matters')}>
            取消
          </Button>
        </Space>
      </Form>
    </div>
  );
}
