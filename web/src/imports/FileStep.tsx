/** Step 1 选择文件: the import kind, the file (drag and drop or the picker), the kind's template. */
import { useRef, useState, type DragEvent } from 'react';
import { Accordion, AccordionDetails, AccordionSummary, Alert, Box, Button, Link, MenuItem, Stack, TextField, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import DownloadIcon from '@mui/icons-material/Download';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useLocaleState, useTranslate } from 'react-admin';
import { pick } from '../meta/labels';
import { formatSize, importUrls } from './api';
import type { KindOption } from './kinds';

export const ACCEPT = '.xlsx,.xlsm,.csv,.txt,.tsv,.xls';

interface FileStepProps {
  kinds: KindOption[];
  kind: string;
  onKind: (kind: string) => void;
  file: File | null;
  onFile: (file: File) => void;
  disabled?: boolean;
}

export const TemplateLink = ({ kind, label, testId }: { kind: string; label: string; testId?: string }) => (
  <Link
    href={importUrls.template(kind)}
    download
    underline="hover"
    data-testid={testId ?? `template-${kind}`}
    sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
  >
    <DownloadIcon fontSize="small" />
    {label}
  </Link>
);

export const FileStep = ({ kinds, kind, onKind, file, onFile, disabled }: FileStepProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const current = kinds.find((k) => k.kind === kind);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files?.[0];
    if (f && !disabled) onFile(f);
  };

  return (
    <Stack spacing={2}>
      <TextField
        select
        label={translate('gsp.import.file.kind')}
        helperText={translate('gsp.import.file.kind_help')}
        value={kind}
        onChange={(e) => onKind(e.target.value)}
        disabled={disabled}
        sx={{ maxWidth: 420 }}
        slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 480 } } } } } }}
        inputProps={{ 'data-testid': 'import-kind-input' }}
        data-testid="import-kind"
      >
        {kinds.map((k) => (
          <MenuItem key={k.kind} value={k.kind} data-testid={`kind-${k.kind}`}>
            {pick(k.label, locale)}
          </MenuItem>
        ))}
      </TextField>

      <Box
        role="button"
        tabIndex={0}
        data-testid="import-dropzone"
        onClick={() => !disabled && input.current?.click()}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && !disabled && input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        sx={{
          border: '2px dashed',
          borderColor: over ? 'primary.main' : 'divider',
          borderRadius: 2,
          p: 4,
          textAlign: 'center',
          bgcolor: over ? 'action.hover' : 'background.default',
          cursor: disabled ? 'default' : 'pointer',
          transition: 'all .15s',
        }}
      >
        <UploadFileIcon color={over ? 'primary' : 'action'} sx={{ fontSize: 48 }} />
        <Typography variant="h6" sx={{ mt: 1 }}>
          {translate('gsp.import.file.drop')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>
          {translate('gsp.import.file.or')}
        </Typography>
        <Button
          variant="outlined"
          disabled={disabled}
          onClick={(e) => {
            e.stopPropagation();
            input.current?.click();
          }}
        >
          {translate('gsp.import.file.pick')}
        </Button>
        <Typography variant="caption" display="block" color="text.secondary" sx={{ mt: 1 }}>
          {translate('gsp.import.file.formats')}
        </Typography>
        <input
          ref={input}
          type="file"
          hidden
          accept={ACCEPT}
          data-testid="import-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onFile(f);
            e.target.value = '';
          }}
        />
      </Box>
      {file && (
        <Alert severity="info" icon={<UploadFileIcon />} data-testid="import-file-selected">
          {translate('gsp.import.file.selected', { name: file.name, size: formatSize(file.size) })}
        </Alert>
      )}

      {current && (
        <TemplateLink kind={current.kind} testId="template-current" label={translate('gsp.import.file.template', { kind: pick(current.label, locale) })} />
      )}
      <Accordion disableGutters variant="outlined">
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>{translate('gsp.import.file.all_templates')}</AccordionSummary>
        <AccordionDetails>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('gsp.import.file.order_hint')}
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 1 }}>
            {kinds.map((k) => (
              <TemplateLink key={k.kind} kind={k.kind} label={pick(k.label, locale)} />
            ))}
          </Box>
        </AccordionDetails>
      </Accordion>
    </Stack>
  );
};
