import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { zodRule } from '../../components/zodRule';
import { type PartyRole, type PartyValues, partyRoleLabels, partyShape } from './intake-form';

/** 当事人: at least one applicant; each party's name, phone, ID and address, validated as the server will. */
export function IntakePartiesCard() {
  return (
    <Card title="当事人" size="small" style={{ marginBottom: 16 }}>
      <Form.List
        name="parties"
        rules={[
          {
            validator: async (_r, parties: PartyValues[] | undefined) => {
              if (!parties?.some((p) => p.role === 'applicant'))
                throw new Error('至少填写一位反映人（申请人）');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <fieldset
                key={field.key}
                aria-label={`当事人 ${i + 1}`}
                data-testid={`party-${i}`}
                style={{
                  border: 'none',
                  borderBottom: '1px dashed #e8ecf1',
                  margin: '0 0 12px',
                  padding: 0,
                }}
              >
                <Row gutter={12} align="bottom">
                  <Col xs={24} sm={12} md={5}>
                    <Form.Item
                      label="身份"
                      name={[field.name, 'role']}
                      rules={[{ required: true, message: '请选择' }]}
                    >
                      <Select<PartyRole>
                        options={(Object.keys(partyRoleLabels) as PartyRole[]).map((r) => ({
                          value: r,
                          label: partyRoleLabels[r],
                        }))}
                        data-testid={`party-${i}-role`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={4}>
                    <Form.Item
                      label="姓名或名称"
                      name={[field.name, 'name']}
                      rules={[
                        { required: true, whitespace: true, message: '请填写姓名' },
                        zodRule(partyShape.name),
                      ]}
                    >
                      <Input maxLength={60} autoComplete="off" data-testid={`party-${i}-name`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={4}>
                    <Form.Item
                      label="手机号码"
                      name={[field.name, 'phone']}
                      rules={[zodRule(partyShape.phone.unwrap())]}
                    >
                      <Input
                        inputMode="tel"
                        maxLength={11}
                        autoComplete="off"
                        data-testid={`party-${i}-phone`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={5}>
                    <Form.Item
                      label="身份证号码"
                      name={[field.name, 'idNumber']}
                      rules={[zodRule(partyShape.idNumber.unwrap())]}
                    >
                      <Input maxLength={18} autoComplete="off" data-testid={`party-${i}-id`} />
                    </Form.Item>
                  </Col>
                  <Col xs={16} sm={8} md={4}>
                    <Form.Item name={[field.name, 'representative']} valuePropName="checked">
                      <Checkbox data-testid={`party-${i}-rep`}>推选代表</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={4} md={2}>
                    <Form.Item>
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={`删除当事人 ${i + 1}`}
                        onClick={() => remove(field.name)}
                        disabled={fields.length <= 1}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item label="住址（可选）" name={[field.name, 'address']}>
                      <Input maxLength={200} autoComplete="off" />
                    </Form.Item>
                  </Col>
                </Row>
              </fieldset>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ role: 'other' })}
              disabled={fields.length >= 200}
              data-testid="party-add"
            >
              添加当事人
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
