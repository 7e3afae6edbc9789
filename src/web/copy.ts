// Every sentence the web pages show (link errors, the local chat page), in one place.

export const WEB_COPY = {
  linkInvalidTitle: '链接无效',
  linkInvalid:
    '这个链接不完整或已被改动，无法打开。请回到聊天中重新获取链接（例如发送 /report 单位名 或 /link）。',
  linkExpiredTitle: '链接已过期',
  linkExpired: '为了安全，链接只在一段时间内有效。请回到聊天中重新获取链接。',
  reportMissingTitle: '报告不存在',
  reportMissing: '没有找到这份报告的这个版本，可能已被删除。请回到聊天中重新获取链接。',
  badFormat: '不支持的格式，可选：html、text、json。',
  devOnly: '这个页面只在本地开发模式（DEV_MODE=1）下提供。',
  chatTitle: '年报助手 · 本地聊天测试',
  chatIntro: '这个页面模拟 Telegram：消息发到 /hooks/telegram，机器人的回复和按钮显示在下面。',
  chatUser: '用户编号',
  chatName: '名字',
  chatPlaceholder: '输入消息，例如 /start 邀请码',
  chatSend: '发送',
  chatReset: '换一个用户',
};
