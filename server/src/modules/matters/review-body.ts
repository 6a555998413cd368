/**
 * Where a petitioner's 复查 or 复核 request goes (信访工作条例 art. 35, 36(1)): the level directly above
 * the body that gave the last written answer. The petitioner never chooses it, online or at a window:
 * the server names it from the org tree, and above the install's root (the district) it names the body
 * outside, the city (武威市) and then the province, whose answer a clerk records.
 */
import type { MatterCommand } from '../../../../core/domain/matters/commands';
import { isInstallRoot } from '../../../../core/domain/matters/model';
import type { Deps } from '../../context';
import { getCounty } from '../counties/counties.service';
import { getOrgRow } from '../orgs/orgs.service';
import type * as repo from './matters.repo';
import { orgRefOf } from './org-refs';

/** Said when the county's row names no city or province (an install set up by hand). */
const unnamedAbove = '上一级人民政府';

export async function withUpperBody(
  deps: Deps,
  m: repo.MatterRow,
  command: MatterCommand,
): Promise<MatterCommand> {
  if (command.action !== 'request_review' && command.action !== 'request_reexam') return command;
  const p = m.state.petition;
  const decider = p?.deciderPath ?? m.state.owner.path;
  if (p?.deciderExternal || isInstallRoot(decider)) {
    const county = await getCounty(deps, m.countyCode);
    const city = county?.cityName ?? unnamedAbove;
    // Above an answer the city gave, the next level is the province (still outside).
    const external = p?.deciderExternal ? (county?.provinceName ?? unnamedAbove) : city;
    return { ...command, external };
  }
  if (command.to) return command;
  const segments = decider.split('/').filter(Boolean);
  const parent = await getOrgRow(deps, segments[segments.length - 2] ?? '');
  return parent ? { ...command, to: orgRefOf(parent) } : command;
}
