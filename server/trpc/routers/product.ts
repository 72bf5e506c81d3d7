import { router } from '../init';

export const productRouter = router({});
