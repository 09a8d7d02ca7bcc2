/**
 * Copies of the real payloads in the shared OpenAI fixtures (batch objects, a list page, result
 * lines), kept here so the emulator's tests compare against the real shapes wherever they run.
 */
export const batchValidating = {
  id: "batch_abc123",
  object: "batch",
  endpoint: "/v1/chat/completions",
  errors: null,
  input_file_id: "file-abc123",
  completion_window: "24h",
  status: "validating",
  output_file_id: null,
  error_file_id: null,
  created_at: 1711471533,
  in_progress_at: null,
  expires_at: null,
  finalizing_at: null,
  completed_at: null,
  failed_at: null,
  expired_at: null,
  cancelling_at: null,
  cancelled_at: null,
  request_counts: { total: 0, completed: 0, failed: 0 },
  metadata: { customer_id: "user_123456789", batch_description: "Nightly eval job" },
};

export const batchCompleted = {
  id: "batch_abc123",
  object: "batch",
  endpoint: "/v1/completions",
  model: "gpt-5-2025-08-07",
  errors: null,
  input_file_id: "file-abc123",
  completion_window: "24h",
  status: "completed",
  output_file_id: "file-cvaTdG",
  error_file_id: "file-HOWS94",
  created_at: 1711471533,
  in_progress_at: 1711471538,
  expires_at: 1711557933,
  finalizing_at: 1711493133,
  completed_at: 1711493163,
  failed_at: null,
  expired_at: null,
  cancelling_at: null,
  cancelled_at: null,
  request_counts: { total: 100, completed: 95, failed: 5 },
  usage: {
    input_tokens: 1500,
    input_tokens_details: { cached_tokens: 1024 },
    output_tokens: 500,
    output_tokens_details: { reasoning_tokens: 300 },
    total_tokens: 2000,
  },
  metadata: { customer_id: "user_123456789", batch_description: "Nightly eval job" },
};

export const batchList = {
  object: "list",
  data: [
    {
      id: "batch_abc123",
      object: "batch",
      endpoint: "/v1/chat/completions",
      errors: null,
      input_file_id: "file-abc123",
      completion_window: "24h",
      status: "completed",
      output_file_id: "file-cvaTdG",
      error_file_id: "file-HOWS94",
      created_at: 1711471533,
      in_progress_at: 1711471538,
      expires_at: 1711557933,
      finalizing_at: 1711493133,
      completed_at: 1711493163,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 100, completed: 95, failed: 5 },
      metadata: { customer_id: "user_123456789", batch_description: "Nightly job" },
    },
  ],
  first_id: "batch_abc123",
  last_id: "batch_abc456",
  has_more: true,
};

export const fileDeleted = { id: "file-abc123", object: "file", deleted: true };

export const outputLine = {
  id: "batch_req_wnaDys",
  custom_id: "request-2",
  response: {
    status_code: 200,
    request_id: "req_c187b3",
    body: {
      id: "chatcmpl-9758Iw",
      object: "chat.completion",
      created: 1711475054,
      model: "gpt-4o-mini",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "2 + 2 equals 4." },
          finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: 24, completion_tokens: 15, total_tokens: 39 },
      system_fingerprint: null,
    },
  },
  error: null,
};

export const expiredErrorLine = {
  id: "batch_req_123",
  custom_id: "request-3",
  response: null,
  error: {
    code: "batch_expired",
    message: "This request could not be executed before the completion window expired.",
  },
};
