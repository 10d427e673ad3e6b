import type { Chat, Message } from 'telegraf/types';

/** The message kinds the fake creates. */
export type StoredMessage = Message.TextMessage | Message.DocumentMessage | Message.PhotoMessage;

interface ChatState {
  chat: Chat;
  lastMessageId: number;
  readonly messages: Map<number, StoredMessage>;
}

/** Chat type Telegram would report for an id: positive = user, -100… = supergroup/channel, other negative = group. */
export function inferChatType(chatId: number): 'private' | 'group' | 'supergroup' {
  if (chatId > 0) return 'private';
  return chatId <= -1_000_000_000_000 ? 'supergroup' : 'group';
}

/** Builds a realistic Chat object. */
export function makeChat(chatId: number, type: Chat['type'] = inferChatType(chatId), name?: string): Chat {
  if (type === 'private') return { id: chatId, type, first_name: name ?? 'User' };
  if (type === 'channel') return { id: chatId, type, title: name ?? 'Test channel' };
  return { id: chatId, type, title: name ?? 'Test group' };
}

/** Per-chat message history; message ids increase per chat for user and bot messages alike. */
export class ChatStore {
  private readonly chats = new Map<number, ChatState>();

  /** Registers a chat seen in an incoming update (first sighting wins). */
  remember(chat: Chat): void {
    if (!this.chats.has(chat.id)) this.chats.set(chat.id, { chat, lastMessageId: 0, messages: new Map() });
  }

  /** Whether the bot has seen this chat. */
  knows(chatId: number): boolean {
    return this.chats.has(chatId);
  }

  /** The chat object, created from its id when unseen. */
  chat(chatId: number): Chat {
    return this.state(chatId).chat;
  }

  /** Next message id in this chat. */
  nextMessageId(chatId: number): number {
    const state = this.state(chatId);
    state.lastMessageId += 1;
    return state.lastMessageId;
  }

  put(message: StoredMessage): void {
    this.state(message.chat.id).messages.set(message.message_id, message);
  }

  get(chatId: number, messageId: number): StoredMessage | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  delete(chatId: number, messageId: number): boolean {
    return this.chats.get(chatId)?.messages.delete(messageId) ?? false;
  }

  clear(): void {
    this.chats.clear();
  }

  private state(chatId: number): ChatState {
    let state = this.chats.get(chatId);
    if (!state) {
      state = { chat: makeChat(chatId), lastMessageId: 0, messages: new Map() };
      this.chats.set(chatId, state);
    }
    return state;
  }
}
