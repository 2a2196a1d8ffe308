//! A map a visitor can read, with the shipped data: the Shandong inset (placement, spread,
//! hit-testing), stacks of overlapping partners and collision-free labels.
// Tests index freely: a panic there is a failed test.
#![allow(clippy::indexing_slicing, missing_docs)]

mod common;

use youcheng::hit::Target;
use youcheng::map::{MapState, TARGET_PX};
use youcheng::scene::Rect;
use youcheng::viewport::ScreenPt;

/// The shipped data and basemap on a canvas of the demo's size at 1280 × 800, or a phone's.
fn map(w: f64, h: f64) -> MapState {
    let mut map = MapState::new(w, h);
    map.set_basemap(&common::basemap());
    map.set_dataset(common::shipped());
    map.refresh_layout();
    map
}

fn key(map: &MapState, k: &str) -> usize {
    map.dataset()
        .cities()
        .iter()
        .position(|c| c.key == k)
        .expect(k)
}

#[test]
fn at_the_first_view_every_origin_is_in_the_inset_a_target_apart_and_hits_its_city() {
    for (w, h, zh) in [
        (1009.0, 549.0, true),
        (1009.0, 510.0, false),
        (390.0, 560.0, true),
        (390.0, 560.0, false),
    ] {
        let mut map = map(w, h);
        map.set_lang(zh);
        map.refresh_layout();
        let layout = map.layout().into_owned();
        let inset = layout
            .inset
            .as_ref()
            .expect("the inset is shown at the first view");
        assert_eq!(inset.cities.len(), 17, "{w}×{h}");
        let canvas = Rect::new(0.0, 0.0, w, h);
        assert!(canvas.encloses(&inset.rect));
        // The page's button that hides it: in the frame, clear of every origin and its name.
        let toggle = youcheng::map::toggle_rect(inset.rect, &inset.title);
        assert!(
            inset.rect.encloses(&toggle) && toggle.w >= 24.0,
            "{toggle:?}"
        );
        for c in &inset.cities {
            assert!(
                !c.target().overlaps(&toggle) && !c.label.overlaps(&toggle),
                "{}",
                c.text
            );
        }
        for (i, a) in inset.cities.iter().enumerate() {
            assert!(
                inset.rect.encloses(&a.target()),
                "{} inside the frame",
                a.text
            );
            assert!(a.target().w >= TARGET_PX && a.target().h >= TARGET_PX);
            assert!(inset.rect.encloses(&a.label));
            for b in &inset.cities[i + 1..] {
                assert!(
                    !a.target().overlaps(&b.target()),
                    "{} and {} targets overlap at {w}×{h}",
                    a.text,
                    b.text
                );
                assert!(
                    !a.label.overlaps(&b.label),
                    "{} / {} labels",
                    a.text,
                    b.text
                );
                assert!(!a.label.overlaps(&b.target()) && !b.label.overlaps(&a.target()));
            }
        }
        // Each dot's square and each label hit that city, with the mouse's and a finger's reach.
        for c in inset.cities.clone() {
            for reach in [6.0, 14.0] {
                assert_eq!(map.hit(c.dot, reach), Some(Target::Origin(c.city)));
                let corner = ScreenPt::new(c.dot.x - 11.0, c.dot.y + 11.0);
                assert_eq!(map.hit(corner, reach), Some(Target::Origin(c.city)));
                assert_eq!(
                    map.hit(c.label.centre(), reach),
                    Some(Target::Origin(c.city))
                );
            }
        }
        // The inset covers no partner at the first view.
        for p in &map.dataset().partnerships {
            if let Some(l) = p.location {
                let s = map.project(l).expect("projects");
                assert!(
                    !inset.rect.contains(s),
                    "{} under the inset at {w}×{h}",
                    p.id
                );
            }
        }
        // Hovering a city in the inset emphasises its fan as hovering its dot does.
        let qingdao = key(&map, "qingdao");
        let dot = inset
            .cities
            .iter()
            .find(|c| c.city == qingdao)
            .expect("qingdao")
            .dot;
        let t = map.hit(dot, 6.0);
        map.set_hover(t);
        let scene = map.overlay_scene();
        let lit = scene
            .partners
            .iter()
            .filter(|d| d.outline.is_some())
            .count();
        let drawn = map
            .dataset()
            .partnerships
            .iter()
            .filter(|p| p.city == qingdao && p.location.is_some())
            .count();
        assert_eq!(lit, drawn, "every Qingdao partner is ringed");
        assert!(scene.inset.is_some());
        map.set_hover(None);
    }
}

#[test]
fn the_inset_hides_once_the_real_origins_are_a_target_apart() {
    let mut map = map(1009.0, 549.0);
    map.set_view_lonlat(youcheng::LonLat::new(118.5, 36.3), 40.0);
    map.refresh_layout();
    assert!(
        map.layout().inset.is_none(),
        "at the largest zoom the real dots are far apart"
    );
    // One Shandong side alone needs no inset either.
    map.set_view_lonlat(youcheng::LonLat::new(118.5, 36.3), 1.0);
    map.set_filter(youcheng::filter::Filter {
        cities: vec!["weifang".into()],
        ..Default::default()
    });
    map.refresh_layout();
    assert!(map.layout().inset.is_none());
}

#[test]
fn yamaguchi_stacks_with_a_count_at_the_first_view_and_separates_when_zoomed_in() {
    let mut map = map(1009.0, 549.0);
    let ds = map.dataset().clone();
    let yamaguchi: Vec<usize> = ds
        .partnerships
        .iter()
        .enumerate()
        .filter(|(_, p)| p.partner_en.contains("Yamaguchi"))
        .map(|(i, _)| i)
        .collect();
    assert!(yamaguchi.len() >= 2, "{yamaguchi:?}");
    let members = map.stack_members(yamaguchi[0]);
    assert!(members.len() >= 3, "{members:?}");
    println!(
        "the Yamaguchi stack at the first view: {} pairs",
        members.len()
    );
    assert!(yamaguchi.iter().all(|i| members.contains(i)));
    // Every visible pair is drawn exactly once: in one stack.
    let layout = map.layout().into_owned();
    let total: usize = layout.stacks.iter().map(|s| s.members.len()).sum();
    let drawn = map
        .visible()
        .iter()
        .filter(|&&i| ds.partnerships[i].location.is_some())
        .count();
    assert_eq!(total, drawn);
    let markers = layout.stacks.len();
    let scene = map.overlay_scene();
    let counts: Vec<&str> = scene
        .labels
        .iter()
        .filter(|t| t.style.centred)
        .map(|t| t.text.as_str())
        .collect();
    assert!(counts.contains(&members.len().to_string().as_str()));
    // Hovering the marker hits a member; zoomed in on Yamaguchi the markers split.
    let at = map
        .project(ds.partnerships[yamaguchi[0]].location.expect("placed"))
        .expect("on screen");
    let hit = map.hit(at, 6.0);
    assert!(
        matches!(hit, Some(Target::Partner(i)) if members.contains(&i)),
        "{hit:?}"
    );
    let l = ds.partnerships[yamaguchi[0]].location.expect("placed");
    map.set_view_lonlat(l, 40.0);
    map.refresh_layout();
    let zoomed = map.layout().stacks.len();
    assert!(
        zoomed > markers,
        "{zoomed} markers zoomed in, {markers} at the first view"
    );
    assert!(map.stack_members(yamaguchi[0]).len() < members.len());
}

#[test]
fn labels_never_overlap_each_other_or_the_inset_and_more_appear_when_zoomed_in() {
    for lang_zh in [true, false] {
        let mut map = map(1009.0, 549.0);
        map.set_lang(lang_zh);
        map.set_lang(!lang_zh);
        map.refresh_layout();
        map.set_lang(lang_zh); // a new language: laid out afresh, inset included
        let t = std::time::Instant::now();
        map.refresh_layout();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let layout = map.layout().into_owned();
        println!(
            "layout at the first view ({}): {} stacks, {} labels in {ms:.2} ms",
            if lang_zh { "zh" } else { "en" },
            layout.stacks.len(),
            layout.labels.len()
        );
        let inset = layout.inset.as_ref().expect("inset").rect;
        let countries = layout.labels.iter().filter(|l| l.country).count();
        let partners = layout.labels.len() - countries;
        assert!(countries >= 10, "{countries} country names");
        assert!(partners >= 5, "{partners} partner names");
        for (i, a) in layout.labels.iter().enumerate() {
            assert!(
                !a.label.rect.overlaps(&inset),
                "{} under the inset",
                a.label.text
            );
            for b in &layout.labels[i + 1..] {
                assert!(
                    !a.label.rect.overlaps(&b.label.rect),
                    "{} / {}",
                    a.label.text,
                    b.label.text
                );
            }
        }
        let japan = map
            .dataset()
            .countries()
            .iter()
            .find(|c| c.iso2 == "JP")
            .expect("Japan");
        let name = if lang_zh {
            &japan.name_zh
        } else {
            &japan.name_en
        };
        assert!(
            layout.labels.iter().any(|l| &l.label.text == name),
            "Japan is named"
        );
        map.set_view_lonlat(youcheng::LonLat::new(10.0, 50.0), 4.0);
        map.refresh_layout();
        let zoomed = map.layout().labels.iter().filter(|l| !l.country).count();
        assert!(
            zoomed > partners,
            "{zoomed} partner names in Europe at zoom 4, {partners} at the first view"
        );
    }
}

#[test]
fn the_hovered_pair_is_named_at_both_ends() {
    let mut map = map(1009.0, 549.0);
    let (i, p) = map
        .dataset()
        .partnerships
        .iter()
        .enumerate()
        .find(|(_, p)| p.id == "qingdao-shimonoseki")
        .map(|(i, p)| (i, p.clone()))
        .expect("pair");
    map.set_hover(Some(Target::Arc(i)));
    let texts: Vec<String> = map
        .overlay_scene()
        .labels
        .iter()
        .filter(|t| t.style.bold)
        .map(|t| t.text.clone())
        .collect();
    assert!(texts.contains(&p.partner_zh), "{texts:?}");
    assert!(texts.contains(&"青岛市".to_string()), "{texts:?}");
}

#[test]
fn the_keyboard_walk_visits_every_member_of_a_stack() {
    let mut map = map(1009.0, 549.0);
    let ds = map.dataset().clone();
    let y = ds
        .partnerships
        .iter()
        .position(|p| p.partner_en.contains("Yamaguchi"))
        .expect("Yamaguchi");
    let members = map.stack_members(y);
    assert!(members.len() >= 3);
    for &m in &members {
        let city = ds.partnerships[m].city;
        // → to the member's Shandong side, then ↓ through its partners.
        let mut guard = 0;
        while map.emphasis().focus != Some(Target::Origin(city)) && guard < 40 {
            map.step_focus(youcheng::map::Step::NextCity);
            guard += 1;
        }
        let n = map.visible().len();
        let seen: Vec<_> = (0..n)
            .map_while(|_| map.step_focus(youcheng::map::Step::NextPartner))
            .take(ds.partnerships.iter().filter(|p| p.city == city).count())
            .collect();
        assert!(
            seen.contains(&Target::Arc(m)),
            "{} reached by ↓",
            ds.partnerships[m].id
        );
    }
}

#[test]
fn a_pan_keeps_the_stacks_a_layout_made_afresh_at_that_view_has() {
    // The layout after a pan at one zoom reuses the last one's stacks: they must be the ones a
    // layout made from nothing finds there, and a zoom must group the dots again.
    let mut panned = map(1280.0, 800.0);
    panned.viewport.zoom_about(ScreenPt::new(900.0, 300.0), 2.0);
    panned.refresh_layout();
    let before = panned.layout().stacks.clone();
    panned.viewport.pan_by(-137.0, 41.0);
    panned.refresh_layout();
    let mut fresh = map(1280.0, 800.0);
    fresh.viewport = panned.viewport;
    fresh.refresh_layout();
    assert_eq!(panned.layout().stacks, fresh.layout().stacks);
    assert_eq!(panned.layout().stacks, before);
    assert!(
        before.iter().any(|s| s.members.len() > 1),
        "some dots share a marker"
    );
    for i in 0..panned.dataset().partnerships.len() {
        assert_eq!(
            panned.layout().stack_index(i),
            fresh.layout().stack_index(i)
        );
    }
    panned.viewport.zoom_about(ScreenPt::new(640.0, 400.0), 4.0);
    panned.refresh_layout();
    assert_ne!(
        panned.layout().stacks.len(),
        before.len(),
        "zoomed in, fewer dots share"
    );
}

/// The visitor hides the inset (on a small canvas it covers partners): it is neither drawn nor
/// hit, a partner under it is hit instead, the layout says where it was (for the button that
/// shows it again), names may take its place, and shown again it is as it was.
#[test]
fn a_hidden_inset_is_neither_drawn_nor_hit_and_comes_back_as_it_was() {
    // The 600 × 400 embed's canvas: no spot is free of partners there.
    let mut map = map(598.0, 292.0);
    let shown = map.layout().into_owned();
    let inset = shown.inset.clone().expect("the inset at the first view");
    assert!(shown.hidden_inset.is_none());
    let under: Vec<ScreenPt> = (map.dataset().partnerships.iter())
        .filter_map(|p| map.project(p.location?))
        .filter(|s| inset.rect.grow(-4.0).contains(*s))
        .collect();
    assert!(!under.is_empty(), "partners under the inset on this canvas");
    let city = inset.cities[0].clone();
    assert_eq!(map.hit(city.dot, 6.0), Some(Target::Origin(city.city)));
    let before = map.content_version();

    assert!(map.set_inset_shown(false));
    assert!(!map.set_inset_shown(false), "no change the second time");
    map.refresh_layout();
    let hidden = map.layout().into_owned();
    assert!(hidden.inset.is_none());
    assert_eq!(hidden.hidden_inset, Some(inset.rect));
    assert_ne!(
        map.content_version(),
        before,
        "the layer with the names is drawn again"
    );
    assert!(map.overlay_scene().inset.is_none(), "not drawn");
    assert_ne!(
        map.hit(city.dot, 6.0),
        Some(Target::Origin(city.city)),
        "not hit"
    );
    let hits = under
        .iter()
        .filter(|p| matches!(map.hit(**p, 6.0), Some(Target::Partner(_) | Target::Arc(_))))
        .count();
    assert!(
        hits * 2 >= under.len(),
        "{hits} of {} partners under it hit",
        under.len()
    );
    // Names may go where it was (they kept out of it while it was shown).
    assert!(
        hidden
            .labels
            .iter()
            .any(|l| l.label.rect.overlaps(&inset.rect))
            || hidden.labels.len() >= shown.labels.len(),
        "the names use its room"
    );

    assert!(map.set_inset_shown(true));
    map.refresh_layout();
    let back = map.layout().into_owned();
    assert_eq!(back.inset.as_ref().map(|i| &i.rect), Some(&inset.rect));
    assert!(back.hidden_inset.is_none());
    assert_eq!(map.hit(city.dot, 6.0), Some(Target::Origin(city.city)));
}
