/**
 * What a change does to each site's failover headroom: for every active site lost in turn,
 * how much of the surviving site's emergency capacity stays free on the base and on the head,
 * and whether the survivor still takes what the tiers promise. The site-failover policy blocks
 * a change that breaks failover; this shows the reviewer by how much any change moves it.
 */
import type { Estate } from "../model/estate";
import type { Demand, SiteLossOptions } from "../model/failover";
import { failoverInput, siteLoss } from "../model/failover";

export interface FailoverSide {
  /** Percent of the survivor's emergency capacity free after the failover, per dimension. */
  headroom: Demand;
  fits: boolean;
}

export interface FailoverChange {
  lost: string;
  survivor: string;
  before?: FailoverSide;
  after?: FailoverSide;
}

function sides(estate: Estate | undefined, settings: SiteLossOptions): Map<string, FailoverChange> {
  const found = new Map<string, FailoverChange>();
  if (estate === undefined) return found;
  const input = failoverInput(estate);
  for (const site of input.sites) {
    if (site.role !== "active") continue;
    const loss = siteLoss(input, site.id, settings);
    if (loss === undefined) continue;
    found.set(loss.lost, {
      lost: loss.lost,
      survivor: loss.survivor,
      after: { headroom: loss.headroom, fits: loss.shortfalls.length === 0 },
    });
  }
  return found;
}

export function failoverChanges(
  base: Estate | undefined,
  head: Estate | undefined,
  settings: SiteLossOptions,
): FailoverChange[] {
  const before = sides(base, settings);
  const after = sides(head, settings);
  const lost = [...new Set([...after.keys(), ...before.keys()])];
  return lost.map((site) => {
    const b = before.get(site);
    const a = after.get(site);
    return {
      lost: site,
      survivor: (a ?? b)!.survivor,
      ...(b?.after === undefined ? {} : { before: b.after }),
      ...(a?.after === undefined ? {} : { after: a.after }),
    };
  });
}
