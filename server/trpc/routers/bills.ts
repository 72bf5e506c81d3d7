import { router } from '../init';

export const billsRouter = router({});
