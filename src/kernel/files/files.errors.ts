import { appError, type ErrorCode } from "../common/app-error.ts";

export const fileErrors = {
  linkExpired: () =>
    appError("FILE_LINK_EXPIRED", 403, "Đường dẫn tải tệp đã hết hạn.", "The link has expired."),
  linkInvalid: () => appError("FILE_LINK_INVALID", 403, "Đường dẫn tải tệp không hợp lệ.", "Invalid link."),
  notFound: () => appError("NOT_FOUND", 404, "Không có tệp.", "No such file."),
};

export type FileErrorCode = ErrorCode<typeof fileErrors>;
