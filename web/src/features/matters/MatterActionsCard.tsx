import { FlagOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import type { MatterDetail } from '../../../../core/contracts/matters';
import type { AllowedAction } from './ActionDialog';
import { recommendedFirst } from './next-step-order';

/** The actions the server allows this viewer, the recommended one first, and a leader's 督办. */
export function MatterActionsCard({
  m,
  maySupervise,
  onAction,
  onSupervise,
}: {
  m: MatterDetail;
  maySupervise: boolean;
  onAction: (a: AllowedAction) => void;
  onSupervise: () => void;
}) {
  return (
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
      {m.allowedActions.length === 0 && !maySupervise ? (
        <Typography.Text type="secondary" data-testid="no-actions">
          当前没有您可以办理的操作。
        </Typography.Text>
      ) : (
        <Space wrap data-testid="matter-actions">
          {/* The recommended step leads (core next-steps.ts); the rest keep the table's order. */}
          {recommendedFirst(m.allowedActions, m.nextStep.action).map((a) => (
            <Button
              key={a.action}
              type={a.action === m.nextStep.action ? 'primary' : 'default'}
              onClick={() => onAction(a)}
              data-testid={`action-${a.action}`}
              data-recommended={a.action === m.nextStep.action ? 'true' : undefined}
            >
              {a.label}
            </Button>
          ))}
          {maySupervise && (
            <Button icon={<FlagOutlined aria-hidden />} onClick={onSupervise} data-testid="action-supervise">
              督办
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}
