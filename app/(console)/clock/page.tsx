import { ClockPanel } from '@/components/clock/clock-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function ClockPage() {
  return (
    <>
      <PageHeader title="模拟时钟" />
      <ClockPanel />
    </>
  );
}
