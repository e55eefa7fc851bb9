// The one door from the screens to the host: one typed function per command of cchc-api's
// list. `call` (lib/transport.ts) carries it over tauri IPC or HTTP, whichever runs.

import { call as invoke } from './transport';
import { openOnHost } from './files';
import type {
  Assessment,
  DossierMade,
  DossierPreflight,
  DossierRequest,
  DossierVerdict,
  PlanTexts,
  ReceivedDossier,
  ImportKind,
  ImportOutcome,
  AnnotatedCopy,
  ImportYear,
  MadeReport,
  ReportFormat,
  ReportKind,
  ReportOptions,
  ReportRequest,
  ReportSettings,
  DocumentInput,
  EvidenceDocument,
  PackReport,
  Target,
  ScoreEvent,
  ScoringScreen,
  ApprovalPreview,
  ApprovalRule,
  Approved,
  DeadlinePreview,
  Batch,
  Catalogue,
  CountRow,
  Dashboard,
  Indicators,
  OneStopYear,
  Targets,
  OutreachSession,
  SessionFilter,
  SessionInput,
  SessionsReport,
  SessionsScreen,
  YearCounters,
  Area,
  Officer,
  OfficerInput,
  PlanInfo,
  PlanScreen,
  Rollover,
  Task,
  TaskFilter,
  TaskInput,
  Account,
  AccountUpdate,
  AuditPage,
  Commune,
  CommuneInput,
  CommuneSettings,
  NewAccount,
  RoleOption,
  Session,
  StartInfo,
  DiagnosticsInfo,
  DiagnosticsBundle,
  NetworkStatus,
  NetworkSettings,
  NetworkCheck,
  ClientSession,
  AutoOutcome,
  BackupFolder,
  BackupPanel,
  BackupPreview,
  Checked,
  DataHealth,
  MadeBackup,
  PruneReport,
  Restored,
} from './types';

/** The Vietnamese sentence to show for a failed call. */
export function errorMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  // A plain string comes from Tauri itself (arguments of the wrong shape), not from core.
  if (typeof e === 'string' && e) return `Dữ liệu nhập không đúng dạng (chi tiết kỹ thuật: ${e}).`;
  return 'Đã có lỗi không xác định. Hãy thử lại.';
}

export const appStatus = () => invoke<StartInfo>('app_status');
export const suggestSuperior = (province: string) =>
  invoke<string[]>('suggest_superior', { province });
export const setupCommune = (commune: CommuneInput, account: NewAccount) =>
  invoke<Session>('setup_commune', { commune, account });
export const createFirstAccount = (account: NewAccount) =>
  invoke<Session>('create_first_account', { account });
export const loadDemo = () => invoke<StartInfo>('load_demo');
export const login = (username: string, password: string) =>
  invoke<Session>('login', { username, password });
export const logout = () => invoke<void>('logout');
export const currentSession = () => invoke<Session | null>('current_session');
export const changeOwnPassword = (current: string, replacement: string) =>
  invoke<void>('change_own_password', { current, replacement });

export const dashboard = (year: number) => invoke<Dashboard>('dashboard', { year });

export const communeSettings = () => invoke<CommuneSettings>('commune_settings');
export const updateCommune = (input: CommuneInput, version: number | null = null) =>
  invoke<Commune>('update_commune', { input, version });
export const addYear = (year: number) => invoke<number[]>('add_year', { year });
export const roleOptions = () => invoke<RoleOption[]>('role_options');
export const listAccounts = () => invoke<Account[]>('list_accounts');
export const createAccount = (account: NewAccount) => invoke<Account>('create_account', { account });
export const updateAccount = (id: number, update: AccountUpdate) =>
  invoke<Account>('update_account', { id, update });
export const resetPassword = (id: number, password: string) =>
  invoke<void>('reset_password', { id, password });
export const auditLog = (limit: number, offset: number) =>
  invoke<AuditPage>('audit_log', { limit, offset });
export const networkStatus = () => invoke<NetworkStatus>('network_status');
export const setNetwork = (settings: NetworkSettings) => invoke<NetworkStatus>('set_network', { settings });
export const testNetwork = () => invoke<NetworkCheck>('test_network');
export const clientSessions = () => invoke<ClientSession[]>('client_sessions');
export const endClientSession = (id: number) => invoke<void>('end_client_session', { id });
export const diagnosticsInfo = () => invoke<DiagnosticsInfo>('diagnostics_info');
export const makeDiagnostics = (path: string) => invoke<DiagnosticsBundle>('make_diagnostics', { path });
/** Raises the log level to debug until the program closes (or back); answers the level now. */
export const setLogLevel = (verbose: boolean) => invoke<boolean>('set_log_level', { verbose });

/** Cài đặt › Sao lưu: where backups stand, their history, the name to offer. */
export const backupPanel = () => invoke<BackupPanel>('backup_panel');
/** Writes, verifies and records a backup into `path` (a download over the network); emits `backup-progress`. */
export const makeBackup = (path: string) => invoke<MadeBackup>('make_backup', { path });
/** The automatic backup now, into the chosen folder; emits `backup-progress`. */
export const backupToFolder = () => invoke<AutoOutcome>('backup_to_folder');
/** Chooses (a path) or turns off (null) the automatic backups' folder; on the host only. */
export const setBackupFolder = (folder: string | null) =>
  invoke<BackupFolder | null>('set_backup_folder', { folder });
/** What a backup holds, before restoring it; on the host only (firstStart: nobody logged in yet). */
export const previewBackup = (path: string, firstStart = false) =>
  invoke<BackupPreview>('preview_backup', { path, firstStart });
/** Restores over the data in use (set aside, never deleted); everyone logs in again. */
export const restoreBackup = (path: string) => invoke<Restored>('restore_backup', { path });
/** The first-start screen's restore, into the folder the app has just created. */
export const restoreFirstStart = (path: string) => invoke<Restored>('restore_first_start', { path });
/** Kiểm tra dữ liệu; `full`: the database's full integrity check (slower). */
export const checkData = (full: boolean) => invoke<Checked>('check_data', { full });
/** Deletes exactly the orphan files the confirmation listed (by SHA-256). */
export const pruneOrphans = (shown: string[]) => invoke<PruneReport>('prune_orphans', { shown });
/** What Tổng quan warns about: backups and the start-up check. */
export const dataHealth = () => invoke<DataHealth>('data_health');

export const listOfficers = () => invoke<Officer[]>('list_officers');
export const saveOfficer = (id: number | null, input: OfficerInput) =>
  invoke<Officer>('save_officer', { id, input });

export const planScreen = (year: number) => invoke<PlanScreen>('plan_screen', { year });
/** What a deadline being typed means; for a recurring task, from which period to follow it. */
export const deadlinePreview = (year: number, text: string) =>
  invoke<DeadlinePreview>('deadline_preview', { year, text });
export const searchTasks = (year: number, filter: TaskFilter) =>
  invoke<Task[]>('search_tasks', { year, filter });
/** `version`: the one the form showed; a task saved by someone else since is not overwritten. */
export const saveTask = (year: number, id: number | null, input: TaskInput, version: number | null = null) =>
  invoke<Task>('save_task', { year, id, input, version });
export const markTaskDone = (id: number, completedOn: string, version: number | null = null) =>
  invoke<Task>('mark_task_done', { id, completedOn, version });
export const setTaskOccurrence = (id: number, seq: number, completedOn: string | null) =>
  invoke<Task>('set_task_occurrence', { id, seq, completedOn });
export const deleteTask = (id: number) => invoke<void>('delete_task', { id });
export const savePlanReference = (year: number, docNumber: string, issuedOn: string | null) =>
  invoke<PlanInfo>('save_plan_reference', { year, docNumber, issuedOn });
export const startNextYearPlan = (year: number) => invoke<Rollover>('start_next_year_plan', { year });
export const listAreas = () => invoke<Area[]>('list_areas');
export const saveArea = (id: number | null, name: string, active: boolean) =>
  invoke<Area>('save_area', { id, name, active });

export const sessionsScreen = (year: number) => invoke<SessionsScreen>('sessions_screen', { year });
export const searchSessions = (year: number, period: string, filter: SessionFilter) =>
  invoke<SessionsReport>('search_sessions', { year, period, filter });
export const saveSession = (id: number | null, input: SessionInput, version: number | null = null) =>
  invoke<OutreachSession>('save_session', { id, input, version });
export const deleteSession = (id: number) => invoke<void>('delete_session', { id });
export const savePbgdplCounters = (year: number, counters: YearCounters) =>
  invoke<YearCounters>('save_pbgdpl_counters', { year, counters });

export const oneStopYear = (year: number) => invoke<OneStopYear>('onestop_year', { year });
export const saveTthcBatch = (input: { from: string; to: string; rows: CountRow[] }) =>
  invoke<Batch>('save_tthc_batch', { input });
export const deleteTthcBatch = (id: number) => invoke<void>('delete_tthc_batch', { id });
export const saveTthcCatalogue = (year: number, catalogue: Catalogue) =>
  invoke<Catalogue>('save_tthc_catalogue', { year, catalogue });
export const saveTthcTargets = (year: number, targets: Targets) =>
  invoke<Targets>('save_tthc_targets', { year, targets });
export const saveIndicators = (year: number, indicators: Indicators) =>
  invoke<Indicators>('save_indicators', { year, indicators });

export const scoringScreen = (year: number) => invoke<ScoringScreen>('scoring_screen', { year });
export const criterionHistory = (id: number) => invoke<ScoreEvent[]>('criterion_history', { id });
export const assignCriterion = (id: number, officerId: number | null) =>
  invoke<number>('assign_criterion', { id, officerId });
export const scoreCriterion = (
  id: number,
  input: { level: number | null; score: number | null; explanation: string },
  version: number | null = null,
) => invoke<void>('score_criterion', { id, input, version });
export const submitCriterion = (id: number) => invoke<number>('submit_criterion', { id });
/** What approving a criterion (id) or the whole sheet (id null) would approve. */
export const approvalPreview = (id: number | null, year: number) =>
  invoke<ApprovalPreview>('approval_preview', { id, year });
/** Approves exactly the criteria the confirmation showed (`shown`), or nothing. */
export const approveCriterion = (id: number, shown: number[]) =>
  invoke<Approved>('approve_criterion', { id, shown });
export const returnCriterion = (id: number, reason: string) => invoke<void>('return_criterion', { id, reason });
export const reopenCriterion = (id: number, reason: string) => invoke<void>('reopen_criterion', { id, reason });
export const appraiseCriterion = (id: number, appraisal: { round: number; score: number | null; note: string }) =>
  invoke<void>('appraise_criterion', { id, appraisal });
export const explainCriterion = (id: number, explanation: string) =>
  invoke<void>('explain_criterion', { id, explanation });
export const setCriterionNotApplicable = (id: number, notApplicable: boolean, reason: string) =>
  invoke<void>('set_criterion_not_applicable', { id, notApplicable, reason });

export const evidenceList = (year: number | null, query: string) =>
  invoke<EvidenceDocument[]>('evidence_list', { year, query });
export const evidenceFor = (target: Target) => invoke<EvidenceDocument[]>('evidence_for', { target });
export const addEvidence = (input: DocumentInput, path: string, target: Target | null) =>
  invoke<EvidenceDocument>('add_evidence', { input, path, target });
export const replaceEvidenceFile = (id: number, path: string) =>
  invoke<EvidenceDocument>('replace_evidence_file', { id, path });
export const linkEvidence = (id: number, target: Target, linked: boolean) =>
  invoke<EvidenceDocument>('link_evidence', { id, target, linked });
/** Opens the document's file with the PC's program on the host's own PC; downloads it elsewhere. */
export const openEvidence = (id: number, name: string) => openOnHost('open_evidence', { id }, name);
export const packEvidence = (year: number, path: string) => invoke<PackReport>('pack_evidence', { year, path });

export interface NodeFields {
  code: string;
  title: string;
  max_points: number;
  kind: 'normal' | 'bonus' | 'penalty';
  evidence_required: string;
  levels: { label: string; points: number }[];
}
export const addCriterion = (year: number, parentId: number | null, fields: NodeFields) =>
  invoke<number>('add_criterion', { year, parentId, fields });
export const updateCriterion = (id: number, fields: NodeFields, version: number | null = null) =>
  invoke<void>('update_criterion', { id, fields, version });
export const deleteCriterion = (id: number) => invoke<void>('delete_criterion', { id });
export const copyCriteria = (from: number, to: number) => invoke<number>('copy_criteria', { from, to });
export const submitSheet = (year: number) => invoke<number>('submit_sheet', { year });
export const approveSheet = (year: number, shown: number[]) => invoke<Approved>('approve_sheet', { year, shown });
export const setApprovalRule = (allowWithoutEvidence: boolean) =>
  invoke<ApprovalRule>('set_approval_rule', { allowWithoutEvidence });
export interface Thresholds {
  good_pct: number;
  fair_pct: number;
  average_pct: number;
}
export const setThresholds = (year: number, thresholds: Thresholds) =>
  invoke<Thresholds>('set_thresholds', { year, thresholds });

export const importFile = (
  kind: ImportKind,
  path: string,
  year: number,
  dryRun: boolean,
  from: string | null,
  to: string | null,
) => invoke<ImportOutcome>('import_file', { kind, path, year, dryRun, from, to });
/** The annotated copy of a checked file: the same check again, the workbook written to `out`. */
export const annotateImport = (
  kind: ImportKind,
  path: string,
  year: number,
  from: string | null,
  to: string | null,
  out: string,
) => invoke<AnnotatedCopy>('annotate_import', { kind, path, year, from, to, out });
export const importYears = () => invoke<ImportYear[]>('import_years');
export const saveTemplate = (kind: ImportKind, year: number, path: string) =>
  invoke<void>('save_template', { kind, year, path });
export type ExportTable = 'plan' | 'sessions' | 'scores' | 'tthc' | 'criteria';
export const exportTable = (table: ExportTable, year: number, period: string | null, path: string) =>
  invoke<number>('export_table', { table, year, period, path });

export const reportOptions = (year: number) => invoke<ReportOptions>('report_options', { year });
export const reportSettings = (kind: ReportKind) => invoke<ReportSettings>('report_settings', { kind });
export const reportAssessment = (year: number, period: string) =>
  invoke<Assessment>('report_assessment', { year, period });
export const saveReportAssessment = (year: number, period: string, assessment: Assessment) =>
  invoke<Assessment>('save_report_assessment', { year, period, assessment });
/** Emits `report-progress` ({@link ReportProgress}) while it works. */
/** The file name to offer when saving ("bao-cao-cchc-2026-quy-i.pdf"); core owns the rule. */
export const reportFileName = (kind: ReportKind, year: number, period: string, format: ReportFormat) =>
  invoke<string>('report_file_name', { kind, year, period, format });
export const makeReport = (request: ReportRequest) => invoke<MadeReport>('make_report', { request });
/** The bytes of a PDF the app made (sent raw, not as JSON). */
export const readReport = (path: string) => invoke<ArrayBuffer>('read_report', { path });
/** Opens the file in the PC's own viewer, from where the officer prints. */
export const openReport = (path: string) => invoke<void>('open_report', { path });

export const planTexts = (year: number) => invoke<PlanTexts>('plan_texts', { year });
export const savePlanTexts = (year: number, texts: PlanTexts) => invoke<PlanTexts>('save_plan_texts', { year, texts });

export const dossierPreflight = (year: number) => invoke<DossierPreflight>('dossier_preflight', { year });
/** Emits `dossier-progress` ({@link ReportProgress}) while it packs the evidence. */
export const makeDossier = (request: DossierRequest, out: string) => invoke<DossierMade>('make_dossier', { request, out });
/** Needs no log-in on the PC that holds the data (an appraiser's PC has no commune). */
export const verifyDossier = (path: string) => invoke<DossierVerdict>('verify_dossier', { path });
export const openReceivedDossier = (path: string) => invoke<ReceivedDossier>('open_received_dossier', { path });
/** One file of a received dossier, opened with the PC's program (downloaded elsewhere). */
export const openDossierFile = (path: string, entry: string) =>
  openOnHost('open_dossier_file', { path, entry }, entry.split('/').pop() ?? entry);
