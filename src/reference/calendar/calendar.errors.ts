import { appError, type ErrorCode } from "../../kernel/common/app-error.ts";

export const calendarErrors = {
  outOfRange: (when: string, first: number, last: number) =>
    appError(
      "CALENDAR_OUT_OF_RANGE",
      422,
      `Thời điểm ${when} nằm ngoài lịch làm việc (${first}–${last}).`,
      `${when} is outside the working calendar (${first}–${last}).`,
    ),
  badDuration: (text: string) =>
    appError(
      "CALENDAR_BAD_DURATION",
      400,
      `Thời hạn "${text}" không hợp lệ: dùng dạng 3d (ngày), 0.5d (nửa ngày) hoặc 4h (giờ), lớn hơn 0.`,
      `Duration "${text}" is invalid: use 3d (days), 0.5d (half a day) or 4h (hours), greater than 0.`,
    ),
  badInstant: (text: string) =>
    appError(
      "CALENDAR_BAD_DATETIME",
      400,
      `Thời điểm "${text}" không hợp lệ: dùng ISO 8601, ví dụ 2026-01-12T09:30:00+07:00.`,
      `"${text}" is not a valid ISO 8601 date-time, e.g. 2026-01-12T09:30:00+07:00.`,
    ),
  badPause: (detail: string) =>
    appError(
      "CALENDAR_BAD_PAUSE",
      400,
      `Khoảng tạm dừng không hợp lệ: ${detail}.`,
      `Invalid pause: ${detail}.`,
    ),
  badCutoff: (text: string) =>
    appError(
      "CALENDAR_BAD_CUTOFF",
      400,
      `Giờ chốt "${text}" không hợp lệ: dùng dạng HH:MM, ví dụ 15:00.`,
      `Cut-off "${text}" is invalid: use HH:MM, e.g. 15:00.`,
    ),
  badOverride: (detail: string | undefined) =>
    appError("CALENDAR_BAD_OVERRIDE", 400, `Ngày điều chỉnh không hợp lệ: ${detail}`, "Invalid override."),
};

export type CalendarErrorCode = ErrorCode<typeof calendarErrors>;
