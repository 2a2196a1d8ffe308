//! The TypeScript declarations of the values that cross the boundary, generated from the Rust types
//! (with `ts-rs`, a dev-dependency: nothing of it is in the module). `www/youcheng.d.ts` holds them
//! between two marker lines; this test fails when they differ from the Rust types, and
//! `YOUCHENG_UPDATE_TYPES=1 cargo test --lib typescript` rewrites them.

use crate::app::command::{Command, FrameStats, LoadReport, LoadStatus, Response, ThemeInput};
use crate::app::overlays::{InsetCityView, InsetView, LabelView};
use crate::app::views::{
    Choice, Choices, Details, HitView, LegendEntry, Shown, Snapshot, SourceView, StatsView,
    TableColumns, TableCountry, TableName, TableRow,
};
use crate::app::vocabulary::Vocabulary;
use crate::dataset::{
    CityCoverage, Count, CoverageView, IssueReport, LoadPhase, Progress, Severity, Stats,
};
use crate::filter::Filter;
use crate::report::ReportSpec;
use crate::search::{HitKind, SearchHit};
use crate::urlstate::{UrlState, View};
use crate::viewport::RectPx;
use ts_rs::TS;

const BEGIN: &str =
    "// ---- generated from the Rust types by src/app/typescript.rs: do not edit by hand ----";
const END: &str = "// ---- end of the generated types ----";

fn generated() -> String {
    // Integers cross as JS numbers (serde-wasm-bindgen's JSON-compatible serializer), not BigInt.
    let cfg = ts_rs::Config::new().with_large_int("number");
    let decls = [
        Details::decl(&cfg),
        TableRow::decl(&cfg),
        TableColumns::decl(&cfg),
        TableName::decl(&cfg),
        TableCountry::decl(&cfg),
        SourceView::decl(&cfg),
        HitView::decl(&cfg),
        crate::scene::Rect::decl(&cfg),
        InsetCityView::decl(&cfg),
        InsetView::decl(&cfg),
        LabelView::decl(&cfg),
        Choice::decl(&cfg),
        Choices::decl(&cfg),
        LegendEntry::decl(&cfg),
        Count::decl(&cfg),
        Stats::decl(&cfg),
        CoverageView::decl(&cfg),
        CityCoverage::decl(&cfg),
        StatsView::decl(&cfg),
        Shown::decl(&cfg),
        Snapshot::decl(&cfg),
        Vocabulary::decl(&cfg),
        Filter::decl(&cfg),
        View::decl(&cfg),
        UrlState::decl(&cfg),
        Severity::decl(&cfg),
        IssueReport::decl(&cfg),
        LoadReport::decl(&cfg),
        SearchHit::decl(&cfg),
        HitKind::decl(&cfg),
        LoadPhase::decl(&cfg),
        Progress::decl(&cfg),
        LoadStatus::decl(&cfg),
        Response::decl(&cfg),
        FrameStats::decl(&cfg),
        ThemeInput::decl(&cfg),
        RectPx::decl(&cfg),
        Command::decl(&cfg),
        ReportSpec::decl(&cfg),
    ];
    let body: Vec<String> = decls.iter().map(|d| format!("export {d}")).collect();
    format!("{BEGIN}\n{}\n{END}", body.join("\n"))
}

#[test]
fn the_typescript_declarations_match_the_rust_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/youcheng.d.ts");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let (Some(a), Some(b)) = (text.find(BEGIN), text.find(END)) else {
        panic!("{path} has no generated block between the marker lines");
    };
    let current = &text[a..b + END.len()];
    let wanted = generated();
    if std::env::var_os("YOUCHENG_UPDATE_TYPES").is_some() {
        std::fs::write(path, text.replace(current, &wanted)).unwrap_or_default();
        return;
    }
    assert_eq!(
        current, wanted,
        "www/youcheng.d.ts is out of date: run YOUCHENG_UPDATE_TYPES=1 cargo test --lib typescript"
    );
}
