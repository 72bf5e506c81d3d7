import { PACK_QUANTITY_MAX } from '../catalog';
import type { Fen } from '../money';
import { residualPostpaidFen, type AdvisorModel } from './month-cost';

/** One pack size as the search sees it: calls per pack and price per pack in fen. */
export interface SearchSize {
  calls: number;
  unitFen: Fen;
}

export interface SearchResult {
  /** Quantity per size, in the order the sizes were given; 0 = size not bought. */
  quantities: number[];
  packFen: Fen;
  residualFen: Fen;
  totalFen: Fen;
}

/**
 * Dominance caps: if `m` packs of a smaller size can be swapped for `n` packs of a larger
 * one with at least as many calls for no more money, a cheapest plan never needs `m` or
 * more small packs while the larger size still has room for `n` more. Derived from the
 * price data, so a price change that breaks the rule just removes the cap.
 */
function dominanceCaps(sizes: readonly SearchSize[], maxQuantity: number): { small: number; large: number; m: number; n: number }[] {
  const caps = [];
  for (let small = 0; small < sizes.length; small++) {
    for (let large = 0; large < sizes.length; large++) {
      if (sizes[large].calls <= sizes[small].calls) continue;
      for (let m = 1; m <= maxQuantity; m++) {
        const n = Math.ceil((m * sizes[small].calls) / sizes[large].calls);
        if (n <= maxQuantity && n * sizes[large].unitFen <= m * sizes[small].unitFen) {
          caps.push({ small, large, m, n });
          break;
        }
      }
    }
  }
  return caps;
}

/**
 * The cheapest quantities for the 12 months, postpaid-only included (all zeros), so the
 * result never costs more than postpaid. Sizes are searched largest first; a size is
 * never bought beyond the calls still needed (one pack fewer would cover the same), and
 * the dominance caps skip plans a swap would beat. Ties keep the plan found first with
 * the lower pack price, i.e. less money paid up front.
 */
export function cheapestPacks(
  model: AdvisorModel,
  sizes: readonly SearchSize[],
  // Tests lower it to compare with brute force on small cases.
  maxQuantity: number = PACK_QUANTITY_MAX,
): SearchResult {
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b].calls - sizes[a].calls);
  const caps = dominanceCaps(sizes, maxQuantity);
  const need = model.paidCallsPerMonth * model.months.length;
  const quantities = new Array<number>(sizes.length).fill(0);
  const postpaidFen = residualPostpaidFen(model, 0);
  let best: SearchResult = { quantities: [...quantities], packFen: 0, residualFen: postpaidFen, totalFen: postpaidFen };

  const visit = (depth: number, packCalls: number, packFen: Fen): void => {
    if (packFen >= best.totalFen) return; // postpaid cost is never negative
    if (depth === order.length) {
      const residualFen = residualPostpaidFen(model, packCalls);
      const totalFen = packFen + residualFen;
      if (totalFen < best.totalFen || (totalFen === best.totalFen && packFen < best.packFen)) {
        best = { quantities: [...quantities], packFen, residualFen, totalFen };
      }
      return;
    }
    const i = order[depth];
    const missing = Math.max(0, need - packCalls);
    let max = Math.min(maxQuantity, Math.ceil(missing / sizes[i].calls));
    for (const cap of caps) {
      if (cap.small === i && quantities[cap.large] + cap.n <= maxQuantity) max = Math.min(max, cap.m - 1);
    }
    for (let q = 0; q <= max; q++) {
      quantities[i] = q;
      visit(depth + 1, packCalls + q * sizes[i].calls, packFen + q * sizes[i].unitFen);
    }
    quantities[i] = 0;
  };
  visit(0, 0, 0);
  return best;
}
