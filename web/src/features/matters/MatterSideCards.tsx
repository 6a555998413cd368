import { FileTextOutlined } from '@ant-design/icons';
import { Card, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { MatterDetail } from '../../../../core/contracts/matters';
import { coHandlerStatusLabels, time } from './matter-format';

export function MatterSideCards({ m }: { m: MatterDetail }) {
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
