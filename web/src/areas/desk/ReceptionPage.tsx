import { Alert, Button, Group, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api, openPdf, type paths, unwrap, uploadFile } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Section } from "../../components/Section.tsx";
import { formatDateTime } from "../../format.ts";
import { CatalogueSearch } from "../public/CatalogueSearch.tsx";
import { useProcedure } from "../public/ProcedurePage.tsx";
import { type ApplicantDraft, ApplicantFields } from "./ApplicantFields.tsx";
import { ComponentChecklist, type ComponentDraft } from "./ComponentChecklist.tsx";

type ReceptionBody = paths["/api/v1/dossiers"]["post"]["requestBody"]["content"]["application/json"];
type Outcome = ReceptionBody["outcome"];
type Received = {
  code: string;
  pin: string;
  dueAt: string | null;
  status: string;
  outcome: Outcome;
  warnings: string[];
};

const EMPTY: ApplicantDraft = {
  kind: "individual",
  name: "",
  idNumber: "",
  phone: "",
  email: "",
  address: "",
};

/** Bộ phận Một cửa: check the components, then accept, ask for completion (02) or refuse (03). */
export default function ReceptionPage() {
  const { t } = useTranslation();
  const { procedureCode } = useParams();
  const navigate = useNavigate();
  const procedure = useProcedure(procedureCode);
  const [applicant, setApplicant] = useState<ApplicantDraft>(EMPTY);
  const [rows, setRows] = useState<ComponentDraft[]>([]);
  const [by, setBy] = useState<"applicant" | "authorised-person">("applicant");
  const [authorised, setAuthorised] = useState("");
  const [outcome, setOutcome] = useState<Outcome>("accept");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Received | null>(null);
  // One key per form: a double click or a retry after a timeout records the dossier once.
  const [idempotencyKey, setKey] = useState(() => crypto.randomUUID());

  useEffect(() => {
    setRows(
      (procedure.data?.components ?? []).map((c) => ({
        name: c.name,
        originals: c.originals,
        copies: c.copies,
        form: "paper" as const,
        files: [],
      })),
    );
  }, [procedure.data]);
  const owner = applicant.idNumber.trim();
  const documents = useQuery({
    queryKey: ["citizen-documents", owner],
    enabled: /^(\d{9}|\d{12}|\d{10}(-\d{3})?)$/.test(owner),
    retry: false,
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/citizens/{owner}/documents", {
          params: { path: { owner }, query: { national: "false" } },
        }),
      ),
  });

  if (!procedureCode) {
    return (
      <Stack maw={900}>
        <Title order={1} size="h3">
          {t("reception.title")}: {t("reception.pickProcedure")}
        </Title>
        <CatalogueSearch limit={15} linkTo={(c) => `/tiep-nhan/${c}`} />
      </Stack>
    );
  }
  if (procedure.isPending) return <Loading />;
  if (procedure.error) return <ErrorNote error={procedure.error} />;
  const missing = rows.filter((r) => r.form === "missing").map((r) => r.name);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const body: ReceptionBody = {
        procedureCode: procedureCode ?? "",
        channel: 1,
        applicant,
        submission: {
          by,
          ...(by === "authorised-person" ? { authorisedPerson: authorised } : {}),
          vneidVerified: false,
          agencyNetwork: false,
        },
        components: rows
          .flatMap((r) => (r.form === "missing" ? [] : [{ ...r, form: r.form }]))
          .map((r) => ({
            name: r.name,
            form: r.form,
            originals: r.originals,
            copies: r.copies,
            ...(r.form === "reuse" && r.documentId ? { documentId: r.documentId } : {}),
          })),
        outcome,
        ...(outcome !== "accept" ? { reason } : {}),
        ...(outcome === "request-completion" ? { missingItems: missing.length ? missing : [reason] } : {}),
      } as ReceptionBody;
      const r = await unwrap(
        api.POST("/api/v1/dossiers", { body, params: { header: { "idempotency-key": idempotencyKey } } }),
      );
      // Scans go up after the dossier exists, then become the component's digitised copy.
      const warnings: string[] = [];
      for (const row of rows.filter((x) => x.form === "scan" && x.files.length)) {
        try {
          const ids = [];
          // A very long component name (the catalogue has some of 6,000+ characters) would not fit a
          // URL; the digitise action below names the component in its body either way.
          for (const f of row.files)
            ids.push((await uploadFile(r.code, f, row.name.length <= 300 ? row.name : "")).fileId);
          await unwrap(
            api.POST("/api/v1/dossiers/{code}/actions", {
              params: { path: { code: r.code } },
              body: { type: "digitise", component: row.name, fileIds: ids, note: "" },
            }),
          );
        } catch (x) {
          warnings.push(`${row.name}: ${(x as Error).message}`);
        }
      }
      setDone({ code: r.code, pin: r.pin, dueAt: r.dueAt, status: r.status, outcome, warnings });
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    const form = done.outcome === "accept" ? "01" : done.outcome === "refuse" ? "03" : "02";
    return (
      <Paper withBorder p="lg" maw={720}>
        <Stack>
          <Title order={1} size="h3">
            {t("reception.doneTitle")}
          </Title>
          <Group gap="xl">
            {[
              { label: t("common.code"), value: done.code, id: "received-code", mono: true },
              { label: t("reception.pin"), value: done.pin, id: "received-pin", mono: true },
              { label: t("common.due"), value: formatDateTime(done.dueAt), id: "received-due", mono: false },
            ].map((f) => (
              <Stack gap={0} key={f.id}>
                <Text size="xs" c="dimmed">
                  {f.label}
                </Text>
                <Text size="xl" fw={700} className={f.mono ? "mono" : undefined} data-testid={f.id}>
                  {f.value}
                </Text>
              </Stack>
            ))}
          </Group>
          {done.warnings.map((w) => (
            <Alert key={w} color="orange">
              {w}
            </Alert>
          ))}
          <ErrorNote error={error} />
          <Group>
            <Button
              onClick={() =>
                openPdf(
                  `/api/v1/dossiers/${encodeURIComponent(done.code)}/forms/${form}.pdf`,
                  // The receipt prints the PIN the citizen tracks with; the server keeps only its hash.
                  form === "01" && done.pin ? { "x-receipt-pin": done.pin } : {},
                ).catch(setError)
              }
            >
              {form === "01" ? t("reception.printReceipt") : t("reception.printForm", { form })}
            </Button>
            <Button variant="default" component={Link} to={`/ho-so/${encodeURIComponent(done.code)}`}>
              {t("reception.open")}
            </Button>
            <Button
              variant="subtle"
              onClick={() => {
                setDone(null);
                setApplicant(EMPTY);
                setReason("");
                setOutcome("accept");
                setKey(crypto.randomUUID());
                navigate("/tiep-nhan");
              }}
            >
              {t("reception.another")}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack maw={1100}>
        <Title order={1} size="h3">
          {t("reception.title")}
        </Title>
        <Text>
          <span className="mono">{procedure.data.code}</span> · {procedure.data.name}
        </Text>
        <Paper withBorder p="md">
          <ApplicantFields value={applicant} onChange={setApplicant} />
          <Radio.Group
            label={t("reception.submittedBy")}
            value={by}
            onChange={(v) => setBy(v as typeof by)}
            mt="sm"
          >
            <Group>
              <Radio value="applicant" label={t("reception.byApplicant")} />
              <Radio value="authorised-person" label={t("reception.byAuthorised")} />
            </Group>
          </Radio.Group>
          {by === "authorised-person" && (
            <TextInput
              label={t("reception.authorisedName")}
              required
              value={authorised}
              onChange={(e) => setAuthorised(e.currentTarget.value)}
              mt="xs"
            />
          )}
        </Paper>
        <Section title={t("reception.checklist")}>
          <ComponentChecklist
            rows={rows}
            onChange={setRows}
            documents={(documents.data?.items ?? []).map((d) => ({
              id: String(d.id),
              title: String(d.title),
            }))}
          />
        </Section>
        <Paper withBorder p="md">
          <Radio.Group
            label={t("reception.outcome")}
            value={outcome}
            onChange={(v) => setOutcome(v as Outcome)}
          >
            <Group>
              <Radio value="accept" label={t("reception.accept")} />
              <Radio value="request-completion" label={t("reception.requestCompletion")} />
              <Radio value="refuse" label={t("reception.refuse")} />
            </Group>
          </Radio.Group>
          {outcome !== "accept" && (
            <Textarea
              label={t("reception.reason")}
              required
              minLength={3}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              mt="xs"
            />
          )}
          {outcome === "request-completion" && missing.length > 0 && (
            <Text size="sm" mt="xs">
              {t("dossier.missingItems")}: {missing.join("; ")}
            </Text>
          )}
        </Paper>
        <ErrorNote error={error} />
        <Group>
          <Button type="submit" loading={busy} size="md">
            {t("reception.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
