/**
 * 数据导入: a stepper over POST /api/imports. 1 选择文件 (kind + file) → the server's dry run tells the
 * sheet, header row, encoding and automatic mapping, the browser reads the first rows → 2 工作表与表头 →
 * 3 列映射 (a changed mapping is sent as the importer's mapping preset) → 4 试运行预览 (a dry run with the
 * mapping) → 5 导入 (the commit, with its progress) and the result's downloads. Every answer that is not a
 * report (a corrupt file, an .xls, a forbidden kind) shows the server's message.
 */
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, AlertTitle, Box, Button, Card, CardContent, LinearProgress, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import ListAltIcon from '@mui/icons-material/ListAlt';
import { Link } from 'react-router';
import { Title, useTranslate } from 'react-admin';
import { useRoles } from '../auth/use-roles';
import { useMeta } from '../meta/meta-store';
import { ImportRequestError, postImport, type ImportProgress, type ImportReport, type ImportRequest } from './api';
import { kindFields, kindOptions } from './kinds';
import { autoChoice, mappingColumns, mappingIgnored, presetOf, type MappingChoice } from './mapping';
import { peekFile, type Peek } from './peek';
import { FileStep } from './FileStep';
import { SheetStep } from './SheetStep';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { CommitStep } from './CommitStep';
import { HISTORY_PATH } from './paths';
import { SALES_LEDGER_KIND } from '../../../schema/ledger';

const STEPS = ['file', 'sheet', 'mapping', 'preview', 'commit'] as const;

export const ImportWizard = () => {
  const translate = useTranslate();
  const roles = useRoles();
  const meta = useMeta();
  const [params] = useSearchParams();
  const kinds = useMemo(() => kindOptions(meta, roles), [meta, roles]);
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState(() => {
    const wanted = params.get('kind');
    return kinds.find((k) => k.kind === wanted)?.kind ?? kinds[0]?.kind ?? '';
  });
  const [file, setFile] = useState<File | null>(null);
  const [peek, setPeek] = useState<Peek | null>(null);
  const [analysis, setAnalysis] = useState<ImportReport | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const [headerRow, setHeaderRow] = useState(1);
  const [headerIgnored, setHeaderIgnored] = useState<number | null>(null);
  const [choice, setChoice] = useState<MappingChoice>({});
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [previewPreset, setPreviewPreset] = useState<MappingChoice | null>(null);
  const [force, setForce] = useState(false);
  // 判定基准日: a ledger's latest sale date by default (history is judged as it stood), else the server's today
  const [asOf, setAsOf] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ImportProgress>({});
  const [result, setResult] = useState<ImportReport | null>(null);
  const [commitError, setCommitError] = useState<string | null>(null);
  const run = useRef(0);

  const fields = useMemo(() => (kind ? kindFields(meta, kind) : []), [meta, kind]);
  const columns = useMemo(() => (analysis ? mappingColumns(analysis, peek) : []), [analysis, peek]);
  const preset = presetOf(columns, choice);

  const messages = { httpError: translate('gsp.import.error.http'), networkError: translate('gsp.import.error.network') };
  const send = (req: Omit<ImportRequest, 'file' | 'kind'>, onProgress?: (p: ImportProgress) => void) =>
    postImport({ file: file!, kind, ...req }, { ...messages, onProgress });
  const failed = (e: unknown) => (e instanceof ImportRequestError ? e.message : String((e as Error)?.message ?? e));

  const reset = (keepFile = true) => {
    run.current++;
    setStep(0);
    if (!keepFile) setFile(null);
    setPeek(null);
    setAnalysis(null);
    setPreview(null);
    setPreviewPreset(null);
    setChoice({});
    setForce(false);
    setAsOf('');
    setError(null);
    setHeaderIgnored(null);
    setResult(null);
    setCommitError(null);
    setProgress({});
  };

  /** The dry run without a mapping: what the server makes of the file; then the browser's first rows of that sheet. */
  const analyse = async (opts: { sheet?: string | null; headerRow?: number }): Promise<ImportReport | null> => {
    const token = ++run.current;
    setBusy(true);
    setError(null);
    try {
      const rep = await send({ dryRun: true, sheet: opts.sheet, headerRow: opts.headerRow });
      const pk = peek && (rep.import.format !== 'xlsx' || peek.sheet === rep.import.sheet) ? peek : await peekFile(file!, { sheet: rep.import.sheet });
      if (token !== run.current) return null;
      setPeek(pk);
      setAnalysis(rep);
      setSheet(rep.import.sheet);
      setHeaderRow(rep.import.headerRow);
      setHeaderIgnored(opts.headerRow && opts.headerRow !== rep.import.headerRow ? rep.import.headerRow : null);
      setChoice(autoChoice(mappingColumns(rep, pk)));
      setAsOf((old) => old || (kind === SALES_LEDGER_KIND ? rep.latestDate : undefined) || rep.asOf || '');
      setPreview(null);
      return rep;
    } catch (e) {
      if (token === run.current) setError(failed(e));
      return null;
    } finally {
      if (token === run.current) setBusy(false);
    }
  };

  const dryRun = async (withForce: boolean, day = asOf) => {
    const token = ++run.current;
    setBusy(true);
    setError(null);
    try {
      const same = !preset && !withForce && (!day || day === analysis!.asOf);
      const rep = same ? analysis! : await send({ dryRun: true, sheet, headerRow, force: withForce, mapping: preset, asOf: day });
      if (token !== run.current) return;
      setPreview(rep);
      setPreviewPreset(preset);
      setStep(3);
    } catch (e) {
      if (token === run.current) setError(failed(e));
    } finally {
      if (token === run.current) setBusy(false);
    }
  };

  const commit = async () => {
    const token = ++run.current;
    setStep(4);
    setRunning(true);
    setCommitError(null);
    setProgress({ upload: 0 });
    try {
      const rep = await send(
        { dryRun: false, sheet, headerRow, force, mapping: preset, asOf },
        (p) => token === run.current && setProgress((old) => ({ ...old, ...p })),
      );
      if (token === run.current) setResult(rep);
    } catch (e) {
      if (token === run.current) setCommitError(failed(e));
    } finally {
      if (token === run.current) setRunning(false);
    }
  };

  const next = async () => {
    if (step === 0) {
      if (await analyse({})) setStep(1);
    } else if (step === 1) {
      if (analysis && headerRow !== analysis.import.headerRow) {
        const rep = await analyse({ sheet, headerRow });
        if (rep && rep.import.headerRow === headerRow) setStep(2);
      } else setStep(2);
    } else if (step === 2) {
      await dryRun(force);
    } else if (step === 3) {
      await commit();
    }
  };

  const canNext = !busy && ((step === 0 && !!file && !!kind) || (step === 1 && !!analysis) || (step === 2 && !!analysis) || (step === 3 && !!preview));
  const done = step === 4 && !running;

  return (
    <Box sx={{ mt: 2 }} data-testid="import-wizard">
      <Title title={translate('gsp.import.title')} />
      <Card>
        <CardContent>
          <Stepper activeStep={step} alternativeLabel sx={{ mb: 3 }}>
            {STEPS.map((s, i) => (
              <Step key={s} completed={i < step || (done && !!result)}>
                <StepLabel error={(i === step && !!error) || (i === 4 && !!commitError)}>{translate(`gsp.import.steps.${s}`)}</StepLabel>
              </Step>
            ))}
          </Stepper>

          {error && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="import-error">
              <AlertTitle>{translate('gsp.import.error.title')}</AlertTitle>
              {error}
            </Alert>
          )}
          {headerIgnored != null && step === 1 && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {translate('gsp.import.sheet.header_ignored', { row: headerIgnored })}
            </Alert>
          )}

          {step === 0 && (
            <FileStep
              kinds={kinds}
              kind={kind}
              disabled={busy}
              file={file}
              onKind={(k) => {
                reset();
                setKind(k);
              }}
              onFile={(f) => {
                reset();
                setFile(f);
              }}
            />
          )}
          {step === 1 && analysis && (
            <SheetStep
              report={analysis}
              peek={peek}
              sheet={sheet}
              headerRow={headerRow}
              onHeaderRow={setHeaderRow}
              disabled={busy}
              onSheet={(s) => {
                setSheet(s);
                setPeek(null);
                void analyse({ sheet: s });
              }}
            />
          )}
          {step === 2 && analysis && <MappingStep columns={columns} choice={choice} onChoice={setChoice} fields={fields} disabled={busy} />}
          {step === 3 && preview && (
            <PreviewStep
              report={preview}
              peek={peek}
              fields={fields}
              force={force}
              disabled={busy}
              mappingIgnored={mappingIgnored(preview, previewPreset)}
              asOf={asOf || preview.asOf || ''}
              ledger={kind === SALES_LEDGER_KIND}
              onAsOf={(d) => {
                setAsOf(d);
                void dryRun(force, d);
              }}
              onForce={(v) => {
                setForce(v);
                void dryRun(v);
              }}
            />
          )}
          {step === 4 && <CommitStep running={running} progress={progress} total={preview?.counts.rows ?? 0} result={result} error={commitError} />}

          {busy && (
            <Box sx={{ mt: 2 }} data-testid="import-busy">
              <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
                {translate('gsp.import.analysing')}
              </Typography>
              <LinearProgress />
            </Box>
          )}

          <Stack direction="row" spacing={1} sx={{ mt: 3, justifyContent: 'space-between' }}>
            <Box>
              {((step > 0 && step < 4) || (step === 4 && !running && !!commitError)) && (
                <Button
                  startIcon={<ArrowBackIcon />}
                  onClick={() => {
                    setError(null);
                    setCommitError(null);
                    setStep(step - 1);
                  }}
                  disabled={busy}
                  data-testid="import-back"
                >
                  {translate('gsp.import.back')}
                </Button>
              )}
              {(done || (step > 0 && step < 4)) && (
                <Button startIcon={<RestartAltIcon />} onClick={() => reset(false)} disabled={busy} data-testid="import-restart">
                  {translate('gsp.import.restart')}
                </Button>
              )}
            </Box>
            <Stack direction="row" spacing={1}>
              <Button component={Link} to={HISTORY_PATH} startIcon={<ListAltIcon />}>
                {translate('gsp.import.history_menu')}
              </Button>
              {step < 3 && (
                <Button variant="contained" endIcon={<ArrowForwardIcon />} onClick={next} disabled={!canNext} data-testid="import-next">
                  {translate('gsp.import.next')}
                </Button>
              )}
              {step === 3 && (
                <Button variant="contained" color="primary" startIcon={<PlayArrowIcon />} onClick={next} disabled={!canNext} data-testid="import-commit">
                  {translate('gsp.import.preview.start')}
                </Button>
              )}
            </Stack>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};
