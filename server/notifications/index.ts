export { notify, type NotificationInput, type NotificationKind } from './notify';
export { markRead } from './inbox';
