export { notify, type NotificationInput, type NotificationKind } from './notify';
export { listNotifications, markRead, unreadCount, type Notification } from './inbox';
