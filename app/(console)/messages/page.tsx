import { MessagesPanel } from '@/components/messages/messages-panel';
import { PageHeader } from '@/components/ui/page-header';

export default function MessagesPage() {
  return (
    <>
      <PageHeader title="消息中心" />
      <MessagesPanel />
    </>
  );
}
