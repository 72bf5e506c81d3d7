import { RequestLogPanel } from '@/components/requests/request-log-panel';
import { PageHeader } from '@/components/ui/page-header';

type Query = { secretId?: string; result?: string; action?: string; day?: string };

/** API 密钥's 更多访问记录 links here with ?secretId=…. */
export default async function RequestsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const { secretId, result, action, day } = await searchParams;
  return (
    <>
      <PageHeader title="请求日志" />
      <RequestLogPanel initial={{ secretId, result, action, day }} />
    </>
  );
}
