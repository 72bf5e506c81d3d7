import { router } from '../init';

export const packsRouter = router({});
