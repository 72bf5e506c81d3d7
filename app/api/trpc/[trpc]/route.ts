import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '@/server/trpc/init';
import { refusal, refusalResponse } from '@/server/trpc/request-guard';
import { appRouter } from '@/server/trpc/root';

export const runtime = 'nodejs';

// Internal errors are logged by the error formatter, with the id the client is shown.
function handler(req: Request): Promise<Response> | Response {
  const refused = refusal(req);
  if (refused) return refusalResponse(req, refused);
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: ({ req, resHeaders }) => createContext({ req, resHeaders }),
  });
}

export { handler as GET, handler as POST };
