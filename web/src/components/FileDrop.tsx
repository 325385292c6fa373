import { Text } from "@mantine/core";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** Drag and drop, or click (or Enter) to choose: one control for scans at the desk. */
export function FileDrop({
  onFiles,
  label,
  disabled,
}: {
  onFiles(files: File[]): void;
  label?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [active, setActive] = useState(false);
  const take = (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (files.length) onFiles(files);
  };
  return (
    <div style={{ position: "relative" }}>
      <label
        htmlFor={id}
        className="dropzone"
        data-active={active}
        data-testid="dropzone"
        style={{ display: "block" }}
        onDragOver={(e) => {
          e.preventDefault();
          setActive(true);
        }}
        onDragLeave={() => setActive(false)}
        onDrop={(e) => {
          e.preventDefault();
          setActive(false);
          if (!disabled) take(e.dataTransfer.files);
        }}
      >
        <Text size="sm">{label ?? t("dossier.upload")}</Text>
        <Text size="xs" c="dimmed">
          PDF, JPEG, PNG, TIFF
        </Text>
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        disabled={disabled}
        accept="application/pdf,image/jpeg,image/png,image/tiff"
        style={{ position: "absolute", width: 1, height: 1, opacity: 0, left: 0, top: 0 }}
        onChange={(e) => {
          take(e.currentTarget.files);
          e.currentTarget.value = "";
        }}
      />
    </div>
  );
}
