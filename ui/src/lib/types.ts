// The shapes cchc-core sends and takes, as serde serialises them (snake_case fields).

export type Role = 'officer' | 'chairman' | 'admin';

export interface Commune {
  /** Raised by every change; sent back with a save so a stale one is refused. */
  version: number;
  name: string;
  display_name: string;
  province: string;
  superior: string;
  current_year: number;
  is_demo: boolean;
}

export interface CommuneInput {
  name: string;
  province: string;
  superior: string;
  current_year: number;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  role_label: string;
  full_name: string;
}

export interface StartInfo {
  initialised: boolean;
  needs_first_account: boolean;
  commune: Commune | null;
  demo_accounts: DemoAccount[];
  suggested_year: number;
  data_dir: string;
}

/** What the account's role may do; decided in core, only read here to hide what would fail. */
export interface Capabilities {
  manage_accounts: boolean;
  edit_commune: boolean;
  read_audit: boolean;
  approve: boolean;
}

export interface RoleOption {
  value: Role;
  label: string;
}

export interface Account {
  id: number;
  officer_id: number;
  username: string;
  full_name: string;
  position: string;
  department: string;
  role: Role;
  role_label: string;
  active: boolean;
  can: Capabilities;
}

export interface NewAccount {
  full_name: string;
  position: string;
  department: string;
  username: string;
  password: string;
  role: Role;
}

export interface AccountUpdate {
  full_name: string;
  position: string;
  department: string;
  role: Role;
  active: boolean;
}

export interface Session {
  account: Account;
  commune: Commune;
  years: number[];
}

export interface Summary {
  year: number;
  commune: string;
  province: string;
  tasks: TaskFigures;
  sessions: { count: number; attendees: number; from: string | null; to: string | null };
  tthc: {
    received: number;
    online: number;
    bcci: number;
    resolved_early: number;
    resolved_on_time: number;
    resolved_late: number;
    in_progress: number;
    on_time_rate_pct: number | null;
    online_rate_pct: number | null;
  };
  scoring: { max_total: number; self_total: number; status: string };
}

export interface CommuneSettings {
  commune: Commune;
  superior_suggestions: string[];
  data_dir: string;
  approval_rule: ApprovalRule;
}

/** Whether a scored criterion without evidence may be approved (a setting of the commune). */
export interface ApprovalRule {
  allow_without_evidence: boolean;
  description: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: number | null;
  detail: string;
  /** The network address of the PC the change came from; empty when made on the host. */
  client_address: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

export interface ApiError {
  kind: string;
  message: string;
}

export interface Officer {
  id: number;
  full_name: string;
  position: string;
  department: string;
  active: boolean;
  has_account: boolean;
}

export interface OfficerInput {
  full_name: string;
  position: string;
  department: string;
  active: boolean;
}

export interface Area {
  id: number;
  name: string;
  position: number;
  active: boolean;
}

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'done_late' | 'dropped';

export interface StatusOption {
  value: TaskStatus;
  label: string;
}

export interface PlanInfo {
  year: number;
  doc_number: string;
  /** ISO date (YYYY-MM-DD) or null. */
  issued_on: string | null;
}

/**
 * The plan's tasks on a day, by the one rule of core (plan::progress): done + in_progress +
 * not_started + not_done = total; done_late is part of done, overdue part of the unfinished.
 */
export interface TaskFigures {
  total: number;
  done: number;
  done_late: number;
  in_progress: number;
  not_started: number;
  not_done: number;
  overdue: number;
}

export interface PlanScreen {
  info: PlanInfo;
  citation: string | null;
  figures: TaskFigures;
  areas: Area[];
  officers: Officer[];
  statuses: StatusOption[];
  today: string;
}

export interface Occurrence {
  seq: number;
  label: string;
  due: string;
  completed_on: string | null;
  /** False for a period before the one a task entered mid-year is followed from. */
  tracked: boolean;
  overdue: boolean;
}

export type Standing = 'done' | 'in_progress' | 'not_started' | 'not_done';

export interface Task {
  /** Raised by every change; sent back with a save so a stale one is refused. */
  version: number;
  id: number;
  year: number;
  number: string;
  content: string;
  area_id: number;
  area_name: string;
  lead_officer_id: number | null;
  lead_officer_name: string | null;
  coordinators: string;
  deadline_text: string;
  deadline_kind: string;
  due: string;
  product: string;
  status: TaskStatus;
  status_label: string;
  completed_on: string | null;
  result: string;
  reason: string;
  solution: string;
  /** ISO date: periods due before it are not tracked; null: all are. */
  tracked_from: string | null;
  occurrences: Occurrence[];
  standing: Standing;
  standing_label: string;
  counted_done: boolean;
  overdue: boolean;
  next_due: string | null;
  days_left: number | null;
}

export interface TaskInput {
  number: string;
  content: string;
  area_id: number;
  lead_officer_id: number | null;
  coordinators: string;
  deadline: string;
  product: string;
  status: TaskStatus;
  completed_on: string | null;
  result: string;
  reason: string;
  solution: string;
  /** A recurring task: from which period it is followed and how the earlier ones went. */
  start?: TrackingStart | null;
}

export interface TrackingStart {
  /** The first period followed (Occurrence.seq). */
  from_seq: number;
  earlier: 'done' | 'not_tracked';
}

/** What a deadline being typed means, and for a recurring one the question to ask. */
export interface DeadlinePreview {
  text: string;
  kind: string;
  recurring: boolean;
  due: string;
  meaning: string;
  occurrences: { label: string; due: string }[];
  passed: number;
  suggested: TrackingStart | null;
}

export interface TaskFilter {
  area_id: number | null;
  officer_id: number | null;
  status: TaskStatus | null;
  query: string;
  overdue_only: boolean;
}

export interface Rollover {
  year: number;
  copied: number;
}

export type SessionKind = 'pbgdpl' | 'cchc';
export type SessionForm = 'conference' | 'village_meeting' | 'loudspeaker' | 'website' | 'law_quiz' | 'leaflets' | 'other';

export interface Choice<T> {
  value: T;
  label: string;
}

export interface Period {
  code: string;
  name: string;
  from: string;
  to: string;
}

export interface Material {
  kind: string;
  count: number;
}

export interface SessionInput {
  kind: SessionKind;
  held_on: string;
  place: string;
  village: string;
  form: SessionForm;
  form_other: string;
  content: string;
  laws: string[];
  audience: string;
  attendees: number;
  presenter_officer_id: number | null;
  presenter: string;
  materials: Material[];
  task_id: number | null;
  notes: string;
}

export interface OutreachSession extends SessionInput {
  /** Raised by every change; sent back with a save so a stale one is refused. */
  version: number;
  id: number;
  kind_label: string;
  form_label: string;
  task_label: string | null;
}

export interface SessionFilter {
  kind: SessionKind | null;
  form: SessionForm | null;
  village: string;
  law: string;
  query: string;
}

export interface Tally {
  label: string;
  sessions: number;
  attendees: number;
}

export interface YearCounters {
  law_clubs: number;
  club_members: number;
  bookshelves: number;
}

export interface Form09a {
  period: Period;
  oral_sessions: number;
  oral_attendees: number;
  loudspeaker_programmes: number;
  website_posts: number;
  law_quizzes: number;
  quiz_entrants: number;
  counters: YearCounters;
  free_materials: Material[];
}

export interface SessionsScreen {
  periods: Period[];
  kinds: Choice<SessionKind>[];
  forms: Choice<SessionForm>[];
  officers: Officer[];
  tasks: { id: number; label: string }[];
  today: string;
}

export interface SessionsReport {
  period: Period;
  totals: {
    sessions: number;
    attendees: number;
    by_kind: Tally[];
    by_form: Tally[];
    by_law: Tally[];
    materials: Material[];
  };
  sessions: OutreachSession[];
  form_09a: Form09a;
}

export interface TthcCounts {
  received_direct: number;
  received_online: number;
  received_bcci: number;
  /** Kỳ trước chuyển qua: records of earlier periods still to handle; not "received". */
  carried_over: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  /** All records in progress at the period's end, overdue ones included. */
  in_progress: number;
  /** Of `in_progress`, those past their due date. */
  in_progress_overdue: number;
  returned: number;
}

export interface CountRow extends TthcCounts {
  procedure_code: string;
  procedure_name: string;
  field: string;
}

export interface Batch {
  id: number;
  from: string;
  to: string;
  label: string;
  source: string;
  total: TthcCounts;
  on_time_rate_pct: number | null;
  rows: CountRow[];
  row_on_time_rates: (number | null)[];
  counted: boolean;
  skipped_because: string | null;
}

export interface Catalogue {
  at_one_stop: number;
  not_at_one_stop: number;
  interlinked_same_level: number;
  interlinked_between_levels: number;
  online_partial: number;
  online_full: number;
  bcci: number;
  reviewed: number;
}

export interface Targets {
  online_rate_pct: number;
  on_time_rate_pct: number;
}

export interface Indicators {
  digital_teams: number;
  digital_team_members: number;
  survey_respondents: number;
  survey_satisfied: number;
  iso_status: string;
}

export interface OneStopYear {
  year: number;
  catalogue: Catalogue;
  targets: Targets;
  indicators: Indicators;
  satisfaction_pct: number | null;
  batches: Batch[];
  total: TthcCounts;
  received: number;
  resolved: number;
  on_time_rate_pct: number | null;
  online_rate_pct: number | null;
  on_time_gap: number | null;
  online_gap: number | null;
}

export interface Dashboard {
  summary: Summary;
  targets: Targets;
  on_time_gap: number | null;
  online_gap: number | null;
  /** Each area's figures; the chart stacks done, on_track, overdue and not_done. */
  progress_by_area: (TaskFigures & { area: string; on_track: number })[];
  records_by_period: { label: string; received: number; online: number; resolved: number }[];
  due_soon: Task[];
  my_tasks: Task[];
  score_by_field: { code: string; title: string; max: number; self_points: number }[];
  points_at_risk: number;
  waiting_scores: { full_code: string; title: string; state_label: string }[];
  first_steps: FirstSteps;
}

export type FirstStepKey = 'plan_reference' | 'plan_tasks' | 'criteria_set' | 'accounts';

export interface FirstSteps {
  steps: { key: FirstStepKey; title: string; state: string; done: boolean }[];
  all_done: boolean;
}

export type ScoreState = 'draft' | 'submitted' | 'approved' | 'returned';

export interface Level {
  label: string;
  points: number;
}

export interface LeafScore {
  /** Raised by every change; sent back with a save so a stale one is refused. */
  version: number;
  assignee_officer_id: number | null;
  assignee_name: string | null;
  self_score: number | null;
  explanation: string;
  state: ScoreState;
  state_label: string;
  evidence_count: number;
  round1: number | null;
  round1_note: string;
  commune_explanation: string;
  round2: number | null;
  round2_note: string;
  linked_tasks_overdue: number;
}

export interface CriterionNode {
  /** Raised by every change; sent back with a save so a stale one is refused. */
  version: number;
  id: number;
  code: string;
  full_code: string;
  title: string;
  kind: 'normal' | 'bonus' | 'penalty';
  max_points: number;
  effective_max: number;
  max_mismatch: boolean;
  children_sum: number | null;
  evidence_required: string;
  not_applicable: boolean;
  not_applicable_reason: string;
  levels: Level[];
  children: CriterionNode[];
  leaf: LeafScore | null;
  self_points: number;
  round1_points: number | null;
  round2_points: number | null;
  final_points: number | null;
  last_year_points: number | null;
  scored_leaves: number;
  leaves: number;
  without_evidence: number;
}

export interface AtRisk {
  id: number;
  full_code: string;
  title: string;
  max: number;
  self_score: number | null;
  stand_to_lose: number;
  reasons: string[];
}

export interface Sheet {
  year: number;
  title: string;
  decision: string;
  nodes: CriterionNode[];
  max_total: number;
  self_total: number;
  round1_total: number | null;
  round2_total: number | null;
  final_total: number | null;
  last_year_total: number | null;
  status: string;
  status_label: string;
  rating: string | null;
  rating_of: string;
  at_risk: AtRisk[];
  mismatches: string[];
}

export interface ScoringScreen {
  sheet: Sheet;
  officers: Officer[];
  scorable: number[];
  thresholds: { good_pct: number; fair_pct: number; average_pct: number } | null;
  approval_rule: ApprovalRule;
  /** Last year has a criteria set to copy. */
  last_year_has_set: boolean;
}

export interface ApprovalItem {
  criterion_id: number;
  full_code: string;
  title: string;
  self_score: number;
  max: number;
  evidence_count: number;
  lacks_evidence: boolean;
  /** Not approved: it lacks evidence and the commune does not allow that. */
  held: boolean;
}

/** What an approval confirmation must show (core: scoring::approval::preview). */
export interface ApprovalPreview {
  items: ApprovalItem[];
  approving: number;
  total: number;
  lacking_evidence: string[];
  allow_without_evidence: boolean;
  question: string;
  warning: string | null;
}

export interface Approved {
  approved: number;
  total: number;
  held: string[];
  message: string;
}

export interface ScoreEvent {
  at: string;
  code: string;
  actor_name: string;
  action: string;
  reason: string;
  detail: string;
}

export type TargetKind = 'criterion' | 'task' | 'session';

export interface Target {
  kind: TargetKind;
  id: number;
}

export interface Revision {
  revision: number;
  sha256: string;
  size: number;
  original_name: string;
  added_at: string;
  added_by: string;
}

export interface Usage {
  kind: TargetKind;
  id: number;
  year: number | null;
  label: string;
}

export interface EvidenceDocument {
  id: number;
  year: number | null;
  title: string;
  doc_number: string;
  doc_date: string | null;
  issuer: string;
  location: string;
  citation: string;
  current: Revision;
  revisions: Revision[];
  used_in: Usage[];
}

export interface DocumentInput {
  year: number | null;
  title: string;
  doc_number: string;
  doc_date: string | null;
  issuer: string;
  location: string;
}

export interface PackReport {
  path: string;
  year: number;
  files: number;
  documents: number;
  criteria: number;
  missing: number;
  problems: { message: string }[];
}

export type ImportKind = 'criteria' | 'tasks' | 'sessions' | 'tthc' | 'officers';

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  severity: 'error' | 'warning';
  message: string;
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'skip';

/** One field an update changes (core: import::Change). */
export interface ImportChange {
  field: string;
  old: string;
  new: string;
}

export interface ImportRow {
  row: number;
  action: ImportAction;
  summary: string;
  /** For an update: each field that changes, old → new. */
  changes: ImportChange[];
}

/** A column that holds data and is not imported (core: import::UnusedColumn). */
export interface UnusedColumn {
  sheet: string;
  /** "F", as Excel shows it. */
  column: string;
  /** "Group › Sub" as written; empty when the column has none. */
  header: string;
}

export interface ImportOutcome {
  kind: ImportKind;
  sheet: string;
  header_row: number;
  dry_run: boolean;
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: ImportProblem[];
  rows: ImportRow[];
  unused_columns: UnusedColumn[];
  /** Years the import opens ("Sẽ mở năm 2027"), or opened when applied. */
  opens_years: number[];
}

/** What the annotated copy holds (core: import::Annotated). */
export interface AnnotatedCopy {
  problems: number;
  cells: number;
  sheets: number;
}

/** A year an import may go into; one not kept yet is opened by the import. */
export interface ImportYear {
  year: number;
  kept: boolean;
}

export type ReportKind = 'annual' | 'scoring' | 'plan' | 'sessions' | 'evidence';

export interface ReportKindInfo {
  kind: ReportKind;
  title: string;
  description: string;
  has_period: boolean;
  docx: boolean;
}

export interface ReportPeriod {
  code: string;
  name: string;
}

export interface ReportOptions {
  kinds: ReportKindInfo[];
  periods: ReportPeriod[];
  /** ISO date (YYYY-MM-DD). */
  today: string;
  /** Reports and periods that would print a document of zeros: warn before making them. */
  empty: { kind: ReportKind; period: string; warning: string }[];
}

export interface ReportSigner {
  on_behalf: string;
  title: string;
  name: string;
}

export interface ReportSettings {
  number: string;
  place: string;
  recipients: string[];
  signer: ReportSigner;
}

/** The officer's own assessment printed in the annual report of a period. */
export interface Assessment {
  strengths: string;
  limits: string;
  causes: string;
  next_tasks: string;
  recommendations: string;
}

export type ReportFormat = 'pdf' | 'docx';

export interface ReportRequest {
  kind: ReportKind;
  year: number;
  period: string;
  /** ISO date (YYYY-MM-DD) printed as "…, ngày … tháng … năm …". */
  date: string;
  settings: ReportSettings;
  format: ReportFormat;
  /** Where to write; null writes into the app's report folder (preview). */
  out: string | null;
}

export interface MadeReport {
  path: string;
  /** 0 for docx. */
  pages: number;
  /** Bytes. */
  size: number;
  draft: boolean;
}

/** Payload of the `report-progress` event. */
export interface ReportProgress {
  done: number;
  total: number;
  stage: string;
}

/** Cài đặt › Chẩn đoán: the facts the support file carries. */
export interface DiagnosticsFacts {
  app_version: string;
  os: string;
  made_at: string;
  data_dir_bytes: number;
  database_bytes: number;
  evidence_files: number;
  evidence_bytes: number;
  log_files: string[];
  log_bytes: number;
  counts: { label: string; count: number }[];
  /** "ok", or what SQLite's quick check found. */
  database_check: string;
  settings: {
    commune: string;
    province: string;
    superior: string;
    current_year: number | null;
    years: number[];
    is_demo: boolean;
  };
}

export interface DiagnosticsInfo {
  facts: DiagnosticsFacts;
  logs_dir: string;
  verbose: boolean;
}

export interface DiagnosticsBundle {
  path: string;
  bytes: number;
  entries: string[];
}

/** Cài đặt › Mạng nội bộ. */
export interface NetworkSettings {
  enabled: boolean;
  port: number;
}

export interface NetworkStatus {
  settings: NetworkSettings;
  /** The screen may turn the host on and off (the desktop app on the host PC). */
  adjustable: boolean;
  listening: string | null;
  on_network: boolean;
  urls: string[];
  qr_svg: string | null;
  error: string | null;
  advice: string[];
}

export interface NetworkCheck {
  results: { url: string; reachable: boolean }[];
  public_network: boolean;
  advice: string[];
}

export interface ClientSession {
  id: number;
  account_id: number;
  username: string;
  full_name: string;
  client_address: string;
  client_label: string;
  created_at: string;
  last_seen_at: string;
}
