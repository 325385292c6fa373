import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client.ts";

/** An error as officials and citizens should read it: what happened, in their language. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text = error instanceof ApiError ? error.text : t("common.errorTitle");
  const details =
    error instanceof ApiError && Array.isArray(error.details)
      ? (error.details as { path?: string; message?: string }[])
      : [];
  return (
    <Alert color="red" title={t("common.errorTitle")} role="alert" data-testid="error">
      {text}
      {details.length > 0 && (
        <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
          {details.map((d) => (
            <li key={`${d.path}-${d.message}`}>
              {d.path ? `${d.path}: ` : ""}
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
