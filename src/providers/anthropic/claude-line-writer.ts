import type { Conversation } from "../../messages/types.js";
import { toAnthropicConversation } from "./convert-anthropic-messages.js";

/**
 * The per-request part of a Claude batch line, shared by Anthropic (`{"custom_id","params":…}`)
 * and Bedrock (`{"recordId","modelInput":…}`): everything but the id, the system prompt and the
 * messages is serialised once by the caller (`bodyHead` opens the body object, `suffix` closes
 * it and the line), so each request costs one JSON.stringify of its own parts.
 *
 * Calls are numbered, so a conversation Claude would reject is reported with its index in
 * `messagesList` (the processor encodes them in order). A message `name` is dropped with one
 * warning per encoder: the Messages body has no field for it.
 */
export function claudeLineWriter(options: {
  idKey: "custom_id" | "recordId";
  bodyHead: string;
  suffix: string;
  droppedNameWarning: string;
  warn: (message: string) => void;
}): (customId: string, messages: Conversation) => string {
  const { bodyHead, suffix, droppedNameWarning, warn } = options;
  const idKey = JSON.stringify(options.idKey);
  let index = 0;
  let nameWarned = false;
  const onDroppedName = () => {
    if (nameWarned) return;
    nameWarned = true;
    warn(droppedNameWarning);
  };
  return (customId, messages) => {
    const converted = toAnthropicConversation(messages, {
      index: index++,
      customId,
      onDroppedName,
    });
    const system =
      converted.system === undefined ? "" : `,"system":${JSON.stringify(converted.system)}`;
    return `{${idKey}:${JSON.stringify(customId)}${bodyHead}${system},"messages":${JSON.stringify(converted.messages)}${suffix}`;
  };
}
