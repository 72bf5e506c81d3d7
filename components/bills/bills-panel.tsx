import { BillsListCard } from './bills-list-card';
import { MonthEstimateCard } from './month-estimate-card';

export function BillsPanel() {
  return (
    <div className="flex flex-col gap-4 p-6">
      <MonthEstimateCard />
      <BillsListCard />
    </div>
  );
}
