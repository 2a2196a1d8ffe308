//! A partnerships load in steps, so that a large file never holds the page for long: the page
//! starts it with the bytes ([`App::start_load`]) and sends [`Command::LoadStep`](super::Command::LoadStep) between its
//! frames until the answer carries the report. The data on screen stays, and stays
//! interactive, until the new data is complete and valid; then it is swapped in at once, as
//! [`App::load_partnerships`] would. A newer load (in steps or not) replaces an older one.

use super::command::{LoadReport, LoadStatus, Response};
use super::selection::Selection;
use super::App;
use crate::dataset::{Issue, LoadJob, LoadMode, LoadPhase, PartialDate, Progress};
use crate::map::DataBuild;

/// The load in progress: reading and checking the file, then preparing the map's geometry.
#[derive(Debug)]
pub(super) struct AppJob {
    id: u32,
    file: String,
    stage: Stage,
}

#[derive(Debug)]
enum Stage {
    Data(Box<LoadJob>),
    Build {
        build: Box<DataBuild>,
        warnings: Vec<Issue>,
        rejected: Vec<Issue>,
    },
}

/// Where the app keeps its load in progress. A copy of the app has none: the load belongs to
/// the page driving it, not to the map's state.
#[derive(Debug, Default)]
pub(super) struct JobSlot(Option<AppJob>);

impl Clone for JobSlot {
    fn clone(&self) -> Self {
        Self(None)
    }
}

impl App {
    /// Starts loading a partnerships file in steps (see [`Command::LoadStep`](super::Command::LoadStep)); replaces a load in
    /// progress. Answers the new load's id and progress (already done, with its report, when the
    /// reference tables are not loaded yet).
    pub fn start_load(
        &mut self,
        file: &str,
        bytes: Vec<u8>,
        today: PartialDate,
        mode: impl Into<LoadMode>,
    ) -> LoadStatus {
        self.jobs_started = self.jobs_started.wrapping_add(1);
        let id = self.jobs_started;
        self.job.0 = None;
        let Some(gazetteer) = &self.gazetteer else {
            return done(id, LoadReport::failed(file, &[]));
        };
        self.this_year = today.year;
        let outlines = self.outlines.clone().or_else(|| self.basemap.clone());
        let job = LoadJob::new(gazetteer, file, bytes, today, outlines, mode.into());
        let progress = job.progress();
        self.job.0 = Some(AppJob {
            id,
            file: file.to_string(),
            stage: Stage::Data(Box::new(job)),
        });
        LoadStatus {
            id,
            progress,
            report: None,
        }
    }

    /// The next piece of load `id`: at most `rows` rows.
    #[cfg_attr(not(feature = "files"), allow(dead_code))]
    pub(super) fn load_step(&mut self, id: u32, rows: usize) -> Response {
        let Some(job) = self.job.0.take_if(|j| j.id == id) else {
            let cancelled = Progress::new(LoadPhase::Cancelled, 0, 0);
            return Response {
                load: Some(LoadStatus {
                    id,
                    progress: cancelled,
                    report: Some(LoadReport::failed("", &[])),
                }),
                ..Response::default()
            };
        };
        let AppJob { id, file, stage } = job;
        let stage = match stage {
            Stage::Data(mut data) => {
                data.step(rows);
                match data.finish() {
                    Err(data) => Stage::Data(data),
                    Ok(Err(issues)) => return report(id, LoadReport::failed(&file, &issues)),
                    Ok(Ok(loaded)) => Stage::Build {
                        build: Box::new(DataBuild::new(loaded.dataset, self.map.projection)),
                        warnings: loaded.warnings,
                        rejected: loaded.rejected,
                    },
                }
            }
            Stage::Build {
                mut build,
                warnings,
                rejected,
            } => {
                if build.step(rows) {
                    return self.swap(id, &file, *build, &warnings, &rejected);
                }
                Stage::Build {
                    build,
                    warnings,
                    rejected,
                }
            }
        };
        let job = AppJob { id, file, stage };
        let progress = job.progress();
        self.job.0 = Some(job);
        Response {
            load: Some(LoadStatus {
                id,
                progress,
                report: None,
            }),
            ..Response::default()
        }
    }

    /// Drops the load in progress.
    pub(super) fn cancel_load(&mut self) -> Response {
        self.job.0 = None;
        Response::default()
    }

    /// Whether a load is in progress.
    pub fn loading(&self) -> bool {
        self.job.0.is_some()
    }

    /// The new data on the map, in one step.
    fn swap(
        &mut self,
        id: u32,
        file: &str,
        build: DataBuild,
        warnings: &[Issue],
        rejected: &[Issue],
    ) -> Response {
        let pairs = build.dataset().partnerships.len();
        self.map.install(build);
        self.selection = Selection::default();
        self.sync_selection();
        (self.flight, self.fitted) = (None, None); // their pair indices were the old data's
        let mut response = report(id, LoadReport::ok(file, pairs, warnings, rejected));
        response.redraw = true;
        response.data_changed = true;
        response.selection_changed = true;
        response
    }
}

impl AppJob {
    fn progress(&self) -> Progress {
        match &self.stage {
            Stage::Data(data) => data.progress(),
            Stage::Build { build, .. } => {
                let (done, total) = build.progress();
                Progress::new(LoadPhase::Build, done, total)
            }
        }
    }
}

fn done(id: u32, report: LoadReport) -> LoadStatus {
    LoadStatus {
        id,
        progress: Progress::new(LoadPhase::Done, 1, 1),
        report: Some(report),
    }
}

fn report(id: u32, report: LoadReport) -> Response {
    Response {
        load: Some(done(id, report)),
        ..Response::default()
    }
}
