import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { categories } from '../../../../core/domain/catalog/categories';
import { linkedKeys, type PoliceReferralBody, referFromPolice } from '../../api/linkedMediation';

interface Values {
  policeRecordNo: string;
  calledAt: string;
  categoryCode: string;
  title: string;
  description: string;
  villageId: string;
  applicantName: string;
  applicantPhone?: string;
  respondentName: string;
  respondentPhone?: string;
}

/** The people's-mediation categories (MED-…), top level only: what a police officer can tell on a call. */
const categoryOptions = categories
  .filter((c) => c.code.startsWith('MED-') && !c.parentCode)
  .map((c) => ({ value: c.code, label: c.name }));

/** A local 'YYYY-MM-DDTHH:mm' for the datetime input, now. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** 警调: the station registers a civil dispute met on a call and hands it to the place's committee. */
export function PoliceReferralForm({ villages }: { villages: { id: string; name: string }[] }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const phone = (p?: string) => (p?.trim() ? { phone: p.trim() } : {});
      const body: PoliceReferralBody = {
        policeRecordNo: v.policeRecordNo.trim(),
        calledAt: new Date(v.calledAt).toISOString(),
        categoryCode: v.categoryCode,
        title: v.title,
        description: v.description,
        villageId: v.villageId,
        parties: [
          { role: 'applicant', name: v.applicantName, ...phone(v.applicantPhone) },
          { role: 'respondent', name: v.respondentName, ...phone(v.respondentPhone) },
        ],
      };
      return referFromPolice(body);
    },
    onSuccess: () => {
      form.resetFields();
      void qc.invalidateQueries({ queryKey: linkedKeys.record });
    },
  });
  return (
    <Card size="small" title="登记警调移交">
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="police-referral-form"
        initialValues={{ calledAt: localNow(), categoryCode: 'MED-02' }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="policeRecordNo"
          label="警情编号"
          rules={[{ required: true, message: '请填写警情编号' }]}
        >
          <Input placeholder="如 JQ20261207-0042" autoComplete="off" />
        </Form.Item>
        <Form.Item name="calledAt" label="出警时间" rules={[{ required: true, message: '请填写出警时间' }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          name="villageId"
          label="纠纷发生地（村、社区）"
          rules={[{ required: true, message: '请选择村（社区）' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择本所辖区的村（社区）"
            options={villages.map((v) => ({ value: v.id, label: v.name }))}
            data-testid="police-village"
          />
        </Form.Item>
        <Form.Item name="categoryCode" label="纠纷类别" rules={[{ required: true }]}>
          <Select options={categoryOptions} data-testid="police-category" />
        </Form.Item>
        <Form.Item
          name="title"
          label="纠纷标题"
          rules={[{ required: true, min: 2, message: '请填写纠纷标题' }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item
          name="description"
          label="出警情况和纠纷经过"
          rules={[{ required: true, min: 5, message: '请把纠纷经过写清楚（至少 5 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="applicantName"
          label="一方当事人"
          rules={[{ required: true, message: '请填写姓名' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="applicantPhone" label="一方联系电话">
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="respondentName"
          label="另一方当事人"
          rules={[{ required: true, message: '请填写姓名' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="respondentPhone" label="另一方联系电话">
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        {mutation.isError && (
          <Alert
            type="error"
            showIcon
            title="移交失败"
            description={mutation.error.message}
            style={{ marginBottom: 12 }}
          />
        )}
        {mutation.isSuccess && (
          <Alert
            type="success"
            showIcon
            title={`已移交${mutation.data.committee.name}（事项编号 ${mutation.data.code}）`}
            style={{ marginBottom: 12 }}
            data-testid="police-referral-done"
          />
        )}
        <Button type="primary" htmlType="submit" loading={mutation.isPending} block>
          移交人民调解
        </Button>
      </Form>
    </Card>
  );
}
