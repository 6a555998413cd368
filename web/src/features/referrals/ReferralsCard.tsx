/**
 * 转介服务 on a matter's page: the referrals of its parties to legal aid, counselling, relief, help and
 * administrative mediation, each with its state and the outcome that came back; a button to refer
 * for those who may (the server says so: `mayRefer`).
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Divider } from 'antd';
import { Fragment, useState } from 'react';
import { fetchMatterReferrals, referralKeys } from '../../api/referrals';
import { NewReferralDialog } from './NewReferralDialog';
import { ReferralItem } from './ReferralItem';

interface Props {
  m: { id: string; parties: { id: string; name: string; role: string }[] };
}

export function ReferralsCard({ m }: Props) {
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: referralKeys.ofMatter(m.id),
    queryFn: ({ signal }) => fetchMatterReferrals(m.id, signal),
    retry: false,
  });
  const d = q.data;
  if (!d || (d.items.length === 0 && !d.mayRefer)) return null;
  const nameOf = (id: string | null) => m.parties.find((p) => p.id === id)?.name ?? null;
  return (
    <Card
      size="small"
      title="转介服务"
      style={{ marginBottom: 16 }}
      data-testid="matter-referrals"
      extra={
        d.mayRefer && (
          <Button size="small" onClick={() => setOpen(true)} data-testid="open-referral">
            转介
          </Button>
        )
      }
    >
      {d.items.length === 0 && '尚未转介。可转介法律援助、心理服务、司法救助、困难帮扶或行政调解。'}
      {d.items.map((r, i) => (
        <Fragment key={r.id}>
          {i > 0 && <Divider style={{ margin: '4px 0' }} />}
          <ReferralItem r={r} partyName={nameOf(r.partyId)} />
        </Fragment>
      ))}
      {open && <NewReferralDialog matterId={m.id} parties={m.parties} onClose={() => setOpen(false)} />}
    </Card>
  );
}
