import { Button, Group, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

/** Code + PIN; the receipt's QR code opens /tra-cuu?ma=… with the code filled in. */
export function TrackForm({ code = "", pin = "" }: { code?: string; pin?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const q = new URLSearchParams({ ma: String(f.get("code")).trim(), pin: String(f.get("pin")).trim() });
        // Keep the mark of the rating link the citizen arrived by.
        if (new URLSearchParams(window.location.search).has("danh-gia")) q.set("danh-gia", "1");
        navigate(`/tra-cuu?${q}`);
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          name="code"
          label={t("track.code")}
          defaultValue={code}
          required
          style={{ flex: "1 1 220px" }}
          autoCapitalize="characters"
        />
        <TextInput
          name="pin"
          label={t("track.pin")}
          defaultValue={pin}
          required
          inputMode="numeric"
          pattern="\d{4,8}"
          style={{ flex: "1 1 160px" }}
        />
        <Button type="submit">{t("track.submit")}</Button>
      </Group>
    </form>
  );
}
