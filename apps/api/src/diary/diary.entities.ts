import { Message, MessageAttachment, MessageThread } from './messages/message.entity';

/** Every diary entity (registered in platform/database/entities.ts). Visits are written with one upsert, without an entity. */
export const DIARY_ENTITIES = [MessageThread, Message, MessageAttachment];
