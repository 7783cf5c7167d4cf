#![allow(clippy::unwrap_used)]
//! Musrenbang end to end through the server functions, on SQLite (and on
//! PostgreSQL with TEST_DATABASE_URL): a cycle across the three tiers, every
//! bad input and race named by the issue, and both rules on an instance
//! where they differ.
mod common;
use common::*;

const DAY: i64 = 86_400;

fn now() -> i64 {
    app::server::time::now()
}

fn day(offset: i64) -> String {
    app::server::time::iso_day(app::server::time::local_day(now(), "WITA") + offset)
}

/// Opens a cycle for Kota Denpasar in `year` with tier 0 taking usulan
/// today (ceilings 100, 200 and 300 juta); its id.
async fn open(app: &TestApp, admin: &reqwest::Client, year: &str) -> i64 {
    open_in(app, admin, "Kota Denpasar", year).await.expect("open a cycle")
}

/// As `open`, for kota `place`, by `who`: its id, or the error.
async fn open_in(app: &TestApp, who: &reqwest::Client, place: &str, year: &str) -> Result<i64, serde_json::Value> {
    let kota = app.area_id(place).await.to_string();
    let d: Vec<String> = (-1..15).map(day).collect();
    let form = vec![
        ("area_id", kota.as_str()),
        ("year", year),
        ("rule", "equal_shares"),
        ("t0_submit_from", &d[0]),
        ("t0_submit_until", &d[2]),
        ("t0_vote_from", &d[3]),
        ("t0_vote_until", &d[4]),
        ("t0_result_by", &d[5]),
        ("t0_ceiling", "100.000.000"),
        ("t1_submit_from", &d[6]),
        ("t1_submit_until", &d[7]),
        ("t1_vote_from", &d[8]),
        ("t1_vote_until", &d[9]),
        ("t1_result_by", &d[10]),
        ("t1_ceiling", "200 juta"),
        ("t2_submit_from", &d[11]),
        ("t2_submit_until", &d[12]),
        ("t2_vote_from", &d[13]),
        ("t2_vote_until", &d[14]),
        ("t2_result_by", &d[15]),
        ("t2_ceiling", "300 juta"),
    ];
    app.call(who, "open_cycle", &form).await?;
    Ok(app
        .scalar(&format!(
            "SELECT id FROM plan_cycles WHERE year = {year} AND area_id = {kota}"
        ))
        .await)
}

/// Puts tier `tier` of `cycle` in `phase` now (the other tiers untouched).
async fn exec(app: &TestApp, sql: &str) {
    sqlx::query(sql).execute(&app.db().pool).await.unwrap();
}

async fn set_phase(app: &TestApp, cycle: i64, tier: i64, phase: &str) {
    let t = now();
    let (sf, su, vf, vu, rb) = match phase {
        "submission" => (t - DAY, t + DAY, t + 2 * DAY, t + 3 * DAY, t + 4 * DAY),
        "voting" => (t - 3 * DAY, t - 2 * DAY, t - DAY, t + DAY, t + 2 * DAY),
        "results" => (t - 4 * DAY, t - 3 * DAY, t - 2 * DAY, t - 1, t + DAY),
        _ => panic!("{phase}"),
    };
    sqlx::query(
        "UPDATE plan_stages SET submit_from = $3, submit_until = $4, vote_from = $5, vote_until = $6, result_by = $7 \
         WHERE cycle_id = $1 AND tier = $2",
    )
    .bind(cycle)
    .bind(tier)
    .bind(sf)
    .bind(su)
    .bind(vf)
    .bind(vu)
    .bind(rb)
    .execute(&app.db().pool)
    .await
    .unwrap();
}

async fn submit(
    app: &TestApp,
    c: &reqwest::Client,
    cycle: i64,
    title: &str,
    cost: &str,
) -> Result<i64, serde_json::Value> {
    submit_with(app, c, cycle, title, cost, &[]).await
}

async fn submit_with(
    app: &TestApp,
    c: &reqwest::Client,
    cycle: i64,
    title: &str,
    cost: &str,
    extra: &[(&str, &str)],
) -> Result<i64, serde_json::Value> {
    let cat = category(app, "infrastruktur").await;
    let cycle_s = cycle.to_string();
    let mut form = vec![
        ("cycle_id", cycle_s.as_str()),
        ("title", title),
        ("category_id", &cat),
        ("problem", "Saluran tersumbat setiap hujan."),
        ("action", "Perbaikan saluran sepanjang 300 meter."),
        ("location", "Jalan Gatot Subroto"),
        ("volume", "300"),
        ("unit", "meter"),
        ("cost", cost),
    ];
    form.extend_from_slice(extra);
    let confirmed = match app.call(c, "submit_usulan", &form).await {
        Err(e) if code(&e) == "confirm_amount" => e["amount"].as_i64().unwrap().to_string(),
        Err(e) => return Err(e),
        Ok(_) => panic!("saved without the amount shown"),
    };
    form.push(("cost_confirmed", &confirmed));
    app.call(c, "submit_usulan", &form).await?;
    let title = title.replace('\'', "''");
    Ok(app
        .scalar(&format!("SELECT id FROM usulan WHERE title = '{title}'"))
        .await)
}

async fn approve(
    app: &TestApp,
    c: &reqwest::Client,
    id: i64,
    yes: bool,
) -> Result<serde_json::Value, serde_json::Value> {
    let id = id.to_string();
    app.call(
        c,
        "approve_usulan",
        &[("id", &id), ("approve", if yes { "1" } else { "0" })],
    )
    .await
}

fn refusal(r: Result<serde_json::Value, serde_json::Value>) -> String {
    let e = r.expect_err("refused");
    format!("{}:{}", code(&e), e["reason"].as_str().unwrap_or(""))
}

async fn count(app: &TestApp, admin: &reqwest::Client, cycle: i64, tier: i64) {
    let (c, t) = (cycle.to_string(), tier.to_string());
    app.call(admin, "count_votes", &[("cycle_id", &c), ("tier", &t)])
        .await
        .expect("count");
}

async fn rank(app: &TestApp, id: i64, tier: i64, col: &str) -> i64 {
    app.scalar(&format!(
        "SELECT COALESCE({col}, 0) FROM usulan_tiers WHERE usulan_id = {id} AND tier = {tier}"
    ))
    .await
}

#[tokio::test]
async fn an_usulan_climbs_from_the_village_to_the_plan() {
    let app = spawn().await;
    let admin = app.signed_in_as("admin").await;
    let dauh = app.area_id("Dauh Puri").await;
    let panjer = app.area_id("Panjer").await;
    let cycle = open(&app, &admin, "2031").await;
    let cycle_s = cycle.to_string();

    // Residents of Dauh Puri: six who want A and B, four who want C.
    let mut people = Vec::new();
    for i in 0..10 {
        people.push(resident(&app, &format!("warga.musren{i}"), dauh).await);
    }
    let outsider = resident(&app, "warga.panjer.musren", panjer).await;

    let a = submit(
        &app,
        &people[0],
        cycle,
        "Perbaikan saluran Jalan Gatot Subroto",
        "50 juta",
    )
    .await
    .unwrap();
    let b = submit(
        &app,
        &people[1],
        cycle,
        "Lampu jalan Gang Mawar sepanjang gang",
        "50.000.000",
    )
    .await
    .unwrap();
    let c = submit(&app, &people[6], cycle, "Ramp kursi roda di balai banjar", "40 juta")
        .await
        .unwrap();
    let _ = submit(&app, &outsider, cycle, "Taman bermain anak di Panjer", "30 juta")
        .await
        .unwrap();

    // Bad input: a cost above the ceiling, not a number, a bad volume.
    let e = submit(&app, &people[2], cycle, "Jembatan baru di atas sungai", "5 miliar")
        .await
        .unwrap_err();
    assert_eq!(e["field"], "cost", "{e}");
    assert_eq!(e["code"], "field");
    assert_eq!(e["ceiling"], 100_000_000, "{e}");
    let cat = category(&app, "infrastruktur").await;
    let bad = app
        .call(
            &people[2],
            "submit_usulan",
            &[
                ("cycle_id", &cycle_s),
                ("title", "Usulan dengan isian salah"),
                ("category_id", &cat),
                ("problem", ""),
                ("action", "x"),
                ("location", "x"),
                ("volume", "dua"),
                ("unit", "m"),
                ("cost", "banyak"),
            ],
        )
        .await
        .unwrap_err();
    let fields: Vec<&str> = bad["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["problem", "volume", "cost"], "{bad}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM usulan WHERE cycle_id = (SELECT id FROM plan_cycles WHERE year = 2031)")
            .await,
        4
    );

    // Technical verification: the responsible agency's officers (PUPR of
    // Denpasar answers for infrastructure there) or an admin; a reason
    // unless feasible; the agency's cost is the one that counts.
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let verify = |who: &reqwest::Client, id: i64, verdict: &str, cost: &str, reason: &str| {
        let (app, who) = (&app, who.clone());
        let (id, verdict, cost, reason) = (id.to_string(), verdict.to_owned(), cost.to_owned(), reason.to_owned());
        async move {
            app.call(
                &who,
                "verify_usulan",
                &[
                    ("id", &id),
                    ("verdict", &verdict),
                    ("verified_cost", &cost),
                    ("verify_reason", &reason),
                ],
            )
            .await
        }
    };
    assert_eq!(
        code(&verify(&people[0], c, "feasible", "", "").await.unwrap_err()),
        "forbidden"
    );
    let e = verify(&officer, c, "needs_changes", "35 juta", "").await.unwrap_err();
    assert_eq!(e["field"], "verify_reason", "{e}");
    let before = app.scalar("SELECT COUNT(*) FROM record").await;
    verify(&officer, c, "needs_changes", "35 juta", "Cukup satu ramp, bukan dua.")
        .await
        .unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM record").await, before + 1);
    assert_eq!(
        app.scalar(&format!("SELECT verified_cost FROM usulan WHERE id = {c}"))
            .await,
        35_000_000
    );
    let park = app
        .scalar("SELECT id FROM usulan WHERE title LIKE 'Taman bermain%'")
        .await;
    verify(&admin, park, "not_feasible", "", "Lahan bukan milik pemerintah.")
        .await
        .unwrap();

    // Not in the voting window yet.
    assert_eq!(refusal(approve(&app, &people[0], a, true).await), "refused:plan_closed");
    set_phase(&app, cycle, 0, "voting").await;
    // Outside the window for submissions now.
    let late = submit(&app, &people[3], cycle, "Usulan yang terlambat diajukan", "1 juta").await;
    assert_eq!(refusal(late.map(|_| serde_json::Value::Null)), "refused:plan_closed");
    // Someone from another village cannot vote here; nobody votes for what
    // the agency found not feasible.
    assert_eq!(
        refusal(approve(&app, &outsider, a, true).await),
        "refused:plan_outside_area"
    );
    assert_eq!(
        refusal(approve(&app, &outsider, park, true).await),
        "refused:not_feasible"
    );

    for p in &people[..6] {
        approve(&app, p, a, true).await.unwrap();
        approve(&app, p, b, true).await.unwrap();
        // A, B and C together cost more than the ceiling.
        assert_eq!(refusal(approve(&app, p, c, true).await), "refused:over_ceiling");
    }
    for p in &people[6..] {
        approve(&app, p, c, true).await.unwrap();
        // Changing one's mind is allowed while voting is open.
        approve(&app, p, a, true).await.unwrap();
        approve(&app, p, a, false).await.unwrap();
    }
    // Approving twice counts once.
    approve(&app, &people[0], a, true).await.unwrap();

    // Counting waits for voting to close; residents cannot count.
    let resident_count = app
        .call(&people[0], "count_votes", &[("cycle_id", &cycle_s), ("tier", "0")])
        .await;
    assert_eq!(code(&resident_count.unwrap_err()), "forbidden");
    let early = app
        .call(&admin, "count_votes", &[("cycle_id", &cycle_s), ("tier", "0")])
        .await;
    assert_eq!(refusal(early), "refused:plan_closed");
    set_phase(&app, cycle, 0, "results").await;
    assert_eq!(
        refusal(approve(&app, &people[7], c, false).await),
        "refused:plan_closed"
    );
    // Verifying ends when voting does.
    assert_eq!(
        refusal(verify(&officer, a, "feasible", "", "").await),
        "refused:plan_closed"
    );
    // Nothing is published before the count.
    let pb = format!("/musrenbang-data/{cycle}/0/{dauh}.pb");
    assert_eq!(app.get(&browser(), &pb).await.status(), 404);
    count(&app, &admin, cycle, 0).await;

    // The data: CSV, JSON, and the ballots in Pabulib's format, numbered
    // without anyone's identity.
    let r = app.get(&browser(), &pb).await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(text.starts_with("META\nkey;value\n"), "{text}");
    assert!(
        text.contains("num_votes;10\n") && text.contains("budget;100000000\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("\n{c};35000000;4;Ramp kursi roda di balai banjar;1\n")),
        "{text}"
    );
    let votes: Vec<&str> = text.split("voter_id;vote\n").nth(1).unwrap().lines().collect();
    assert_eq!(votes.len(), 10, "{text}");
    assert_eq!(votes[0], format!("1;{a},{b}"));
    assert!(!text.contains("musren"), "{text}");
    let csv = app
        .get(&browser(), &format!("/musrenbang-data/{cycle}/0/{dauh}.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let json: serde_json::Value = app
        .get(&browser(), &format!("/musrenbang-data/{cycle}/0/{dauh}.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["voters"], 10);
    assert_eq!(json["usulan"].as_array().unwrap().len(), 3);

    // Greedy gives the majority both its usulan; equal shares funds A and the
    // minority's C.
    assert_eq!(
        app.scalar(&format!("SELECT approvals FROM usulan_tiers WHERE usulan_id = {a}"))
            .await,
        6
    );
    assert_eq!(
        app.scalar(&format!("SELECT approvals FROM usulan_tiers WHERE usulan_id = {c}"))
            .await,
        4
    );
    assert_eq!(
        (
            rank(&app, a, 0, "greedy_rank").await,
            rank(&app, b, 0, "greedy_rank").await
        ),
        (1, 2)
    );
    assert_eq!(rank(&app, c, 0, "greedy_rank").await, 0);
    assert_eq!(
        (
            rank(&app, a, 0, "shares_rank").await,
            rank(&app, c, 0, "shares_rank").await
        ),
        (1, 2)
    );
    assert_eq!(rank(&app, b, 0, "shares_rank").await, 0);
    assert_eq!(
        app.scalar(&format!(
            "SELECT voters FROM plan_areas WHERE cycle_id = {cycle} AND tier = 0 AND area_id = {dauh}"
        ))
        .await,
        10
    );

    // The area's page shows counts, never who chose what.
    let (status, html) = app.page(&browser(), &format!("/musrenbang/{cycle}/0/{dauh}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Ramp kursi roda") && !html.contains("warga.musren3"),
        "{html}"
    );

    // Confirming: only facilitators; a departure needs a reason; only
    // usulan of this area; once.
    let dauh_s = dauh.to_string();
    let (a_s, c_s) = (a.to_string(), c.to_string());
    let base = [
        ("cycle_id", cycle_s.as_str()),
        ("tier", "0"),
        ("area_id", dauh_s.as_str()),
    ];
    let form = |choice_a: &'static str, extra: &str| -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> = base.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        f.extend([
            ("ids[0]".into(), a_s.clone()),
            ("choice[0]".into(), choice_a.into()),
            ("ids[1]".into(), c_s.clone()),
            ("choice[1]".into(), "carry".into()),
            ("extra".into(), extra.into()),
            ("attendance".into(), "42".into()),
            ("delegates".into(), "Ni Luh Ayu, I Made Sudirta".into()),
        ]);
        f
    };
    let call = |f: Vec<(String, String)>, who: &'static str| {
        let app = &app;
        let c = if who == "admin" {
            admin.clone()
        } else {
            people[0].clone()
        };
        async move {
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call(&c, "confirm_result", &f).await
        }
    };
    assert_eq!(
        code(&call(form("carry", ""), "resident").await.unwrap_err()),
        "forbidden"
    );
    let e = call(form("drop", ""), "admin").await.unwrap_err();
    assert_eq!(e["field"], "reason[0]", "{e}");
    let panjer_usulan = app
        .scalar("SELECT id FROM usulan WHERE title LIKE 'Taman bermain%'")
        .await;
    let mut f = form("carry", &panjer_usulan.to_string());
    f.push(("extra_reason".into(), "Diminta forum".into()));
    assert_eq!(refusal(call(f, "admin").await), "refused:not_in_tier");
    let before = app.scalar("SELECT COUNT(*) FROM record").await;
    call(form("carry", ""), "admin").await.expect("confirm");
    assert_eq!(
        refusal(call(form("carry", ""), "admin").await),
        "refused:already_confirmed"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM record").await, before + 3);
    let barat = app.area_id("Denpasar Barat").await;
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM usulan_tiers WHERE tier = 1 AND area_id = {barat} AND cycle_id = {cycle}"
        ))
        .await,
        2
    );
    assert_eq!(
        app.scalar(&format!("SELECT tier_now FROM usulan WHERE id = {a}")).await,
        1
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM usulan WHERE id = {b} AND state = 'stopped'"
        ))
        .await,
        1
    );
    let (_, minutes) = app.page(&browser(), &format!("/musrenbang/{cycle}/0/{dauh}")).await;
    assert!(
        minutes.contains("Berita acara") && minutes.contains("I Made Sudirta"),
        "{minutes}"
    );

    // Tier 1 (kecamatan): the residents of Dauh Puri live in Denpasar Barat.
    set_phase(&app, cycle, 1, "voting").await;
    for p in &people[..3] {
        approve(&app, p, a, true).await.unwrap();
    }
    approve(&app, &people[3], c, true).await.unwrap();
    set_phase(&app, cycle, 1, "results").await;
    // The sweep counts by itself.
    assert!(app::server::musrenbang::count_due(app.db(), now()).await.unwrap() >= 1);
    let barat_s = barat.to_string();
    let f = [
        ("cycle_id", cycle_s.as_str()),
        ("tier", "1"),
        ("area_id", barat_s.as_str()),
        ("ids[0]", a_s.as_str()),
        ("choice[0]", "carry"),
        ("ids[1]", c_s.as_str()),
        ("choice[1]", "drop"),
        ("reason[1]", "Sudah dianggarkan dinas tahun ini"),
    ];
    app.call(&admin, "confirm_result", &f).await.expect("tier 1");
    assert_eq!(
        app.scalar(&format!("SELECT tier_now FROM usulan WHERE id = {a}")).await,
        2
    );

    // Tier 2 (the plan): accepted into the RKPD.
    set_phase(&app, cycle, 2, "voting").await;
    approve(&app, &outsider, a, true).await.unwrap();
    set_phase(&app, cycle, 2, "results").await;
    count(&app, &admin, cycle, 2).await;
    let kota = app.area_id("Kota Denpasar").await.to_string();
    let f = [
        ("cycle_id", cycle_s.as_str()),
        ("tier", "2"),
        ("area_id", kota.as_str()),
        ("ids[0]", a_s.as_str()),
        ("choice[0]", "carry"),
    ];
    // The amount in the plan is a sum of rupiah.
    let mut bad = f.to_vec();
    bad.push(("amount[0]", "banyak"));
    let e = app.call(&admin, "confirm_result", &bad).await.unwrap_err();
    assert_eq!(e["field"], "amount[0]", "{e}");
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM usulan WHERE id = {a} AND state = 'open'"
        ))
        .await,
        1
    );
    let mut f = f.to_vec();
    f.push(("amount[0]", "150 juta"));
    app.call(&admin, "confirm_result", &f).await.expect("tier 2");
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM usulan WHERE id = {a} AND state = 'accepted'"
        ))
        .await,
        1
    );
    // Accepted with its amount, and the agency responsible for its category
    // in the kota (PUPR Denpasar), which now reports its progress.
    assert_eq!(
        app.scalar(&format!("SELECT plan_amount FROM usulan WHERE id = {a}"))
            .await,
        150_000_000
    );
    let pupr = app
        .scalar("SELECT agency_id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'petugas.pupr.denpasar'")
        .await;
    assert_eq!(
        app.scalar(&format!("SELECT plan_agency_id FROM usulan WHERE id = {a}"))
            .await,
        pupr
    );
    let report = |who: &reqwest::Client, percent: &str, text: &str| {
        let (app, who) = (&app, who.clone());
        let (id, percent, text) = (a_s.clone(), percent.to_owned(), text.to_owned());
        async move {
            app.call(
                &who,
                "report_usulan_progress",
                &[("id", id.as_str()), ("percent", &percent), ("report", &text)],
            )
            .await
        }
    };
    assert_eq!(
        code(&report(&people[0], "40", "Sudah digali").await.unwrap_err()),
        "forbidden"
    );
    let e = report(&officer, "140", "").await.unwrap_err();
    let fields: Vec<&str> = e["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["percent", "report"], "{e}");
    let before = app.scalar("SELECT COUNT(*) FROM record").await;
    report(&officer, "40", "Galian saluran selesai 120 meter.")
        .await
        .unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM record").await, before + 1);
    let (_, html) = app.page(&browser(), &format!("/usulan/{a}")).await;
    for s in [
        "Dalam rencana (RKPD)",
        "150.000.000",
        "Galian saluran selesai 120 meter.",
        "40%",
    ] {
        assert!(html.contains(s), "{s}: {html}");
    }
    report(&admin, "100", "Saluran selesai dan berfungsi.").await.unwrap();
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM usulan WHERE id = {a} AND state = 'implemented' AND progress = 100"
        ))
        .await,
        1
    );
    assert_eq!(
        refusal(report(&officer, "100", "Sekali lagi").await),
        "refused:wrong_step"
    );

    // The funnel, kept as usulan moved on, agrees with the usulan themselves.
    let funnel = |scope: &str, col: &str| {
        format!("SELECT {col} FROM plan_funnel WHERE cycle_id = {cycle} AND scope = '{scope}'")
    };
    assert_eq!(
        app.scalar(&funnel("all", "submitted")).await,
        app.scalar(&format!("SELECT COUNT(*) FROM usulan WHERE cycle_id = {cycle}"))
            .await
    );
    for (col, tier) in [("carried0", 0), ("carried1", 1)] {
        assert_eq!(
            app.scalar(&funnel("all", col)).await,
            app.scalar(&format!(
                "SELECT COUNT(*) FROM usulan_tiers WHERE cycle_id = {cycle} AND tier = {tier} AND outcome = 'carried'"
            ))
            .await,
            "{col}"
        );
    }
    assert_eq!(app.scalar(&funnel("all", "accepted")).await, 1);
    assert_eq!(app.scalar(&funnel("all", "implemented")).await, 1);
    assert_eq!(app.scalar(&funnel("all", "amount")).await, 150_000_000);
    assert_eq!(app.scalar(&funnel("agency", "scope_id")).await, pupr);
    assert_eq!(
        app.scalar(&format!("{} AND scope_id = {barat}", funnel("area", "carried0")))
            .await,
        app.scalar(&funnel("all", "carried0")).await
    );
    let (_, html) = app
        .page(&browser(), &format!("/musrenbang/{cycle}/funnel?scope=agency"))
        .await;
    for s in [
        "Dari usulan ke rencana",
        "Masuk RKPD: 1",
        "Dinas Pekerjaan Umum",
        "150.000.000",
    ] {
        assert!(html.contains(s), "{s}: {html}");
    }

    // Notifications: the author hears of every decision and report; a
    // resident who voted hears of each result where they voted, and of the
    // plan's decision and the progress of what they chose.
    let notes = |user: &str, filter: &str| {
        format!("SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = '{user}' AND {filter}")
    };
    assert_eq!(
        app.scalar(&notes(
            "warga.musren0",
            &format!("n.kind = 'usulan' AND n.usulan_id = {a}")
        ))
        .await,
        5
    );
    assert_eq!(app.scalar(&notes("warga.musren3", "n.kind = 'plan_result'")).await, 2);
    assert_eq!(
        app.scalar(&notes(
            "warga.musren3",
            &format!("n.kind = 'usulan' AND n.usulan_id = {a}")
        ))
        .await,
        3
    );
    let (_, html) = app.page(&people[3], "/notifications").await;
    for s in [
        "Hasil Musrenbang di wilayah tempat Anda memilih sudah ditetapkan",
        "Usulan Musrenbang “Perbaikan saluran",
    ] {
        assert!(html.contains(s), "{s}: {html}");
    }

    // SKM: its proposer and those who chose it rate the agency's work (once
    // each); not someone who chose other usulan, nor the agency itself.
    let rate = |who: &reqwest::Client| {
        let (app, who, id) = (&app, who.clone(), a_s.clone());
        async move {
            let mut f = vec![("subject", "usulan"), ("id", id.as_str()), ("comment", "Rapi")];
            f.extend(["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"].map(|u| (u, "4")));
            app.call(&who, "rate", &f).await
        }
    };
    let (_, html) = app.page(&people[5], &format!("/usulan/{a}")).await;
    assert!(html.contains("name=\"u9\""), "{html}");
    let (_, html) = app.page(&people[7], &format!("/usulan/{a}")).await;
    assert!(!html.contains("name=\"u9\""), "{html}");
    assert_eq!(code(&rate(&people[7]).await.unwrap_err()), "forbidden");
    assert_eq!(refusal(rate(&officer).await), "refused:own_agency");
    rate(&people[5]).await.unwrap();
    rate(&people[0]).await.unwrap();
    assert_eq!(refusal(rate(&people[5]).await), "refused:already_rated");
    let (_, html) = app.page(&people[5], &format!("/usulan/{a}")).await;
    assert!(html.contains("penilaian Anda sudah tercatat"), "{html}");
    // Two ratings of all fours: IKM 100, no grade below five ratings.
    assert!(html.contains("2 penilaian · IKM 100,00<"), "{html}");
    assert_eq!(
        app.scalar(&format!("SELECT rating_sum FROM usulan WHERE id = {a}"))
            .await,
        72
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM ratings WHERE subject = 'usulan' AND subject_id = {a} AND agency_id = {pupr}"
        ))
        .await,
        2
    );
    // A stopped usulan is not rated.
    let b_s = b.to_string();
    let mut f = vec![("subject", "usulan"), ("id", b_s.as_str())];
    f.extend(["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"].map(|u| (u, "4")));
    assert_eq!(refusal(app.call(&people[0], "rate", &f).await), "refused:not_rateable");

    // The usulan's page shows its whole path, in both languages.
    let (status, html) = app.page(&browser(), &format!("/usulan/{a}")).await;
    assert_eq!(status, 200);
    for s in [
        "Dauh Puri",
        "Denpasar Barat",
        "Kota Denpasar",
        "Dibawa ke tahap berikutnya",
        "Selesai dikerjakan.",
    ] {
        assert!(html.contains(s), "{s}: {html}");
    }
    let (_, html) = app.page(&browser(), &format!("/usulan/{c}")).await;
    assert!(html.contains("Sudah dianggarkan dinas tahun ini"), "{html}");
    for path in [
        "/musrenbang".to_string(),
        format!("/musrenbang/{cycle}"),
        format!("/musrenbang/{cycle}?tier=1"),
        format!("/musrenbang/{cycle}/1/{barat}"),
    ] {
        assert_eq!(app.page(&browser(), &path).await.0, 200, "{path}");
    }
    let en = app.signed_in_as("warga.denpasar").await;
    app.call(&en, "set_language", &[("lang", "en")]).await.unwrap();
    let (_, html) = app.page(&en, &format!("/usulan/{a}")).await;
    assert!(html.contains("In the plan (RKPD)"), "{html}");
}

#[tokio::test]
async fn opening_a_cycle_checks_every_field() {
    let app = spawn().await;
    let admin = app.signed_in_as("admin").await;
    let resident = app.signed_in_as("warga.denpasar").await;
    let kota = app.area_id("Kota Denpasar").await.to_string();
    let dauh = app.area_id("Dauh Puri").await.to_string();
    let r = app
        .call(
            &resident,
            "open_cycle",
            &[("area_id", &kota), ("year", "2032"), ("rule", "greedy")],
        )
        .await;
    assert_eq!(code(&r.unwrap_err()), "forbidden");
    let e = app
        .call(
            &admin,
            "open_cycle",
            &[
                ("area_id", &kota),
                ("year", "19"),
                ("rule", "x"),
                ("t0_submit_from", "2032-02-31"),
            ],
        )
        .await
        .unwrap_err();
    let fields: Vec<&str> = e["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.starts_with(&["year", "rule", "t0_submit_from", "t0_submit_until"]),
        "{fields:?}"
    );
    // A village is not a kota: the cycle belongs to a kota or kabupaten.
    let mut d: Vec<(String, String)> = Vec::new();
    for t in 0..3 {
        for (i, w) in ["submit_from", "submit_until", "vote_from", "vote_until", "result_by"]
            .iter()
            .enumerate()
        {
            d.push((format!("t{t}_{w}"), day(t * 10 + i as i64 * 2)));
        }
        d.push((format!("t{t}_ceiling"), "1 miliar".into()));
    }
    let with = |area: &str, year: &str| -> Vec<(String, String)> {
        let mut f = d.clone();
        f.extend([
            ("area_id".into(), area.into()),
            ("year".into(), year.into()),
            ("rule".into(), "greedy".into()),
        ]);
        f
    };
    let call = |f: Vec<(String, String)>| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call(&admin, "open_cycle", &f).await
        }
    };
    assert_eq!(call(with(&dauh, "2032")).await.unwrap_err()["field"], "area_id");
    call(with(&kota, "2032")).await.expect("opened");
    // One cycle per kota and year.
    assert_eq!(call(with(&kota, "2032")).await.unwrap_err()["field"], "year");
    // Dates out of order.
    let mut f = with(&kota, "2033");
    f.retain(|(k, _)| k != "t1_vote_from");
    f.push(("t1_vote_from".into(), day(-30)));
    assert_eq!(call(f).await.unwrap_err()["field"], "t1_submit_from");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM plan_cycles WHERE year = 2033").await,
        0
    );
}

/// 1,000 residents vote at once in one area: every approval is counted,
/// exactly, and none is lost or doubled.
#[tokio::test]
async fn a_thousand_residents_vote_at_once() {
    let app = spawn().await;
    let admin = app.signed_in_as("admin").await;
    let dauh = app.area_id("Dauh Puri").await;
    let cycle = open(&app, &admin, "2034").await;
    let author = resident(&app, "warga.pengusul", dauh).await;
    let a = submit(&app, &author, cycle, "Sumur bor untuk banjar Dauh Puri", "60 juta")
        .await
        .unwrap();
    let b = submit(&app, &author, cycle, "Posyandu keliling Dauh Puri", "30 juta")
        .await
        .unwrap();
    set_phase(&app, cycle, 0, "voting").await;
    let mut voters = Vec::new();
    for i in 0..1000 {
        voters.push(resident(&app, &format!("warga.pemilih{i}"), dauh).await);
    }
    let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(64));
    let mut tasks = tokio::task::JoinSet::new();
    let app = std::sync::Arc::new(app);
    for (i, v) in voters.into_iter().enumerate() {
        let (app, gate) = (app.clone(), gate.clone());
        tasks.spawn(async move {
            let _p = gate.acquire().await.unwrap();
            approve(&app, &v, a, true).await.expect("approve a");
            // Every third voter also wants b.
            if i % 3 == 0 {
                approve(&app, &v, b, true).await.expect("approve b");
            }
        });
    }
    while let Some(r) = tasks.join_next().await {
        r.unwrap();
    }
    set_phase(&app, cycle, 0, "results").await;
    count(&app, &admin, cycle, 0).await;
    assert_eq!(
        app.scalar(&format!("SELECT approvals FROM usulan_tiers WHERE usulan_id = {a}"))
            .await,
        1000
    );
    assert_eq!(
        app.scalar(&format!("SELECT approvals FROM usulan_tiers WHERE usulan_id = {b}"))
            .await,
        334
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT voters FROM plan_areas WHERE cycle_id = {cycle} AND tier = 0 AND area_id = {dauh}"
        ))
        .await,
        1000
    );
}

#[tokio::test]
async fn an_usulan_names_the_complaints_it_grows_from() {
    let app = spawn().await;
    let admin = app.signed_in_as("admin").await;
    let dauh = app.area_id("Dauh Puri").await;
    let cycle = open(&app, &admin, "2032").await;
    let person = resident(&app, "warga.musren.link", dauh).await;

    // What it grows from: a public complaint naming its complainant, in the
    // kota; not an anonymous one (it could name its complainant), not one
    // elsewhere, not a word.
    let file = |extra: &'static [(&'static str, &'static str)]| {
        let (app, who) = (&app, person.clone());
        async move {
            let cat = category(app, "infrastruktur").await;
            let (area, date) = (dauh.to_string(), app::server::time::iso_date(now(), "WITA"));
            let mut form = vec![
                ("title", "Saluran di Jalan Gatot Subroto meluap"),
                ("body", "Setiap hujan saluran meluap ke jalan dan rumah warga."),
                ("area_id", area.as_str()),
                ("category_id", cat.as_str()),
                ("happened_on", date.as_str()),
                ("location", "Jalan Gatot Subroto"),
            ];
            form.extend_from_slice(extra);
            app.call(&who, "file_complaint", &form).await.unwrap();
            app.scalar("SELECT MAX(id) FROM complaints").await.to_string()
        }
    };
    let public = file(&[]).await;
    let anonymous = file(&[("anonymous", "1")]).await;
    let elsewhere = app
        .scalar(&format!(
            "SELECT MIN(c.id) FROM complaints c JOIN areas a ON a.id = c.area_id WHERE a.path NOT LIKE \
             (SELECT area_path FROM plan_cycles WHERE id = {cycle}) || '%' AND c.private = 0 AND c.anonymous = 0"
        ))
        .await
        .to_string();
    for (bad, problem) in [
        (elsewhere.as_str(), "unknown"),
        (anonymous.as_str(), "unknown"),
        ("#999999", "unknown"),
        ("dua", "invalid"),
    ] {
        let e = submit_with(
            &app,
            &person,
            cycle,
            "Usulan dari pengaduan lain",
            "10 juta",
            &[("from_complaints", bad)],
        )
        .await
        .unwrap_err();
        assert_eq!(
            (e["field"].as_str(), e["problem"].as_str()),
            (Some("from_complaints"), Some(problem)),
            "{bad}: {e}"
        );
    }
    let e = submit_with(
        &app,
        &person,
        cycle,
        "Usulan dari usulan warga lain",
        "10 juta",
        &[("from_proposals", "999999")],
    )
    .await
    .unwrap_err();
    assert_eq!(e["field"], "from_proposals", "{e}");
    let linked = submit_with(
        &app,
        &person,
        cycle,
        "Usulan dari pengaduan warga",
        "10 juta",
        &[("from_complaints", &format!("#{public}"))],
    )
    .await
    .unwrap();
    let (_, html) = app.page(&browser(), &format!("/usulan/{linked}")).await;
    assert!(html.contains(&format!("href=\"/complaints/{public}\"")), "{html}");
    let (_, html) = app.page(&browser(), &format!("/complaints/{public}")).await;
    assert!(html.contains(&format!("href=\"/usulan/{linked}\"")), "{html}");
    // Once the complaint is hidden, the usulan no longer shows it.
    exec(
        &app,
        &format!("UPDATE complaints SET hidden_at = 1, hidden_reason = 'x' WHERE id = {public}"),
    )
    .await;
    let (_, html) = app.page(&browser(), &format!("/usulan/{linked}")).await;
    assert!(!html.contains(&format!("href=\"/complaints/{public}\"")), "{html}");
}

/// A planner (Bappeda) is granted a kota or kabupaten and runs its cycles:
/// opens them, counts and confirms their results; nowhere else.
#[tokio::test]
async fn a_planner_runs_the_cycles_of_their_kota_only() {
    let app = spawn().await;
    let admin = app.signed_in_as("admin").await;
    // A planner's area is a kota or kabupaten, never a village.
    let dauh = app.area_id("Dauh Puri").await.to_string();
    let grant = |area: String| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let f = [
                ("username", "warga.plaju"),
                ("role", "planner"),
                ("area_id", area.as_str()),
            ];
            app.call(&admin, "grant_role", &f).await
        }
    };
    let e = grant(dauh).await.unwrap_err();
    assert_eq!(
        (e["field"].as_str(), e["problem"].as_str()),
        (Some("area_id"), Some("not_city")),
        "{e}"
    );
    let none = app
        .scalar("SELECT COUNT(*) FROM user_roles WHERE role = 'planner' AND user_id = (SELECT id FROM users WHERE username = 'warga.plaju')")
        .await;
    assert_eq!(none, 0);
    grant(app.area_id("Kota Palembang").await.to_string()).await.unwrap();
    let (_, admin_page) = app.page(&admin, "/admin?q=warga.plaju").await;
    assert!(admin_page.contains("Perencana (Bappeda)"), "{admin_page}");

    // The demo's planner of Kota Denpasar opens Denpasar's cycle, not Malang's.
    let planner = app.signed_in_as("perencana.denpasar").await;
    let (_, list) = app.page(&planner, "/musrenbang").await;
    assert!(list.contains("href=\"/musrenbang/new\""), "{list}");
    let (_, form) = app.page(&planner, "/musrenbang/new").await;
    assert!(form.contains("name=\"t2_ceiling\""), "{form}");
    let resident = app.signed_in_as("warga.denpasar").await;
    let (_, form) = app.page(&resident, "/musrenbang/new").await;
    assert!(!form.contains("name=\"t2_ceiling\""), "{form}");
    let e = open_in(&app, &planner, "Kota Malang", "2034").await.unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let e = open_in(&app, &resident, "Kota Denpasar", "2034").await.unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let ours = open_in(&app, &planner, "Kota Denpasar", "2034").await.unwrap();
    let malang = open_in(&app, &admin, "Kota Malang", "2034").await.unwrap();

    // Counting and confirming: in their kota only.
    for (cycle, allowed) in [(ours, true), (malang, false)] {
        set_phase(&app, cycle, 0, "results").await;
        let c = cycle.to_string();
        let r = app
            .call(&planner, "count_votes", &[("cycle_id", &c), ("tier", "0")])
            .await;
        assert_eq!(r.is_ok(), allowed, "count {cycle}: {r:?}");
        let r = app
            .call(&resident, "count_votes", &[("cycle_id", &c), ("tier", "0")])
            .await;
        assert_eq!(code(&r.unwrap_err()), "forbidden");
    }
    app.call(
        &admin,
        "count_votes",
        &[("cycle_id", &malang.to_string()), ("tier", "0")],
    )
    .await
    .unwrap();
    let kotalama = app.area_id("Kotalama").await.to_string();
    let f = [
        ("cycle_id", malang.to_string()),
        ("tier", "0".into()),
        ("area_id", kotalama),
    ];
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        code(&app.call(&planner, "confirm_result", &f).await.unwrap_err()),
        "forbidden"
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM plan_areas WHERE cycle_id = {malang} AND confirmed_at IS NOT NULL"
        ))
        .await,
        0
    );
    let dauh = app.area_id("Dauh Puri").await.to_string();
    let f = [("cycle_id", ours.to_string()), ("tier", "0".into()), ("area_id", dauh)];
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.call(&planner, "confirm_result", &f).await;
    // Nothing was put forward in Dauh Puri: no result to confirm there,
    // but not because the planner may not.
    assert_ne!(r.as_ref().err().map(code).as_deref(), Some("forbidden"), "{r:?}");
}

/// An usulan has a discussion like a proposal: a thread opened with it,
/// left out of the forum's lists, whose replies show on the usulan's page
/// and whose opening post (the usulan) neither its author edits nor a
/// moderator moves.
#[tokio::test]
async fn an_usulan_has_a_discussion() {
    let app = spawn().await;
    let admin = app.signed_in_as("admin").await;
    let dauh = app.area_id("Dauh Puri").await;
    let cycle = open(&app, &admin, "2035").await;
    let author = resident(&app, "warga.diskusi", dauh).await;
    let id = submit(&app, &author, cycle, "Lampu <jalan> & taman", "10 juta")
        .await
        .unwrap();
    let thread = app
        .scalar(&format!("SELECT thread_id FROM usulan WHERE id = {id}"))
        .await;
    assert_eq!(
        app.scalar(&format!("SELECT usulan_id FROM threads WHERE id = {thread}"))
            .await,
        id
    );
    let t = thread.to_string();
    let (status, html) = app.page(&browser(), &format!("/t/{thread}")).await;
    assert_eq!(status, 200);
    for s in [
        "Diskusi untuk usulan Musrenbang:",
        &format!("href=\"/usulan/{id}\""),
        "Saluran tersumbat setiap hujan.",
    ] {
        assert!(html.contains(s), "{s}: {html}");
    }
    // The title is text everywhere, the page's <title> too.
    assert!(!html.contains("<jalan>"), "{html}");
    assert!(
        html.contains("<title>Lampu &lt;jalan&gt; &amp; taman · Rembuk</title>"),
        "{html}"
    );
    // Not in the forum's lists (the thread lives on the usulan's page).
    let forum = app
        .call(&browser(), "forum", &[("area_id", &dauh.to_string())])
        .await
        .unwrap();
    assert!(
        forum["threads"].as_array().unwrap().iter().all(|x| x["id"] != thread),
        "{forum}"
    );
    // A neighbour replies; the reply shows on the usulan's page, and the
    // author hears of it.
    let neighbour = resident(&app, "warga.tetangga", dauh).await;
    app.call(
        &neighbour,
        "reply",
        &[("thread_id", &t), ("body", "Setuju, gelap sekali di sana.")],
    )
    .await
    .unwrap();
    let (_, html) = app.page(&browser(), &format!("/usulan/{id}")).await;
    for s in [
        "Diskusi · 1 balasan",
        "Setuju, gelap sekali di sana.",
        &format!("href=\"/t/{thread}\""),
    ] {
        assert!(html.contains(s), "{s}: {html}");
    }
    let (_, html) = app.page(&neighbour, &format!("/usulan/{id}")).await;
    assert!(html.contains("name=\"body\""), "{html}");
    assert!(
        app.scalar(
            "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'warga.diskusi'"
        )
        .await
            >= 1
    );
    // The opening post is the usulan: its author does not edit it there.
    let opening = app
        .scalar(&format!("SELECT id FROM posts WHERE thread_id = {thread} AND seq = 0"))
        .await
        .to_string();
    let e = app
        .call(&author, "edit_post", &[("post_id", &opening), ("body", "Lain")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden", "{e}");
    // Nor does a moderator move it away from its usulan.
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let health = category(&app, "kesehatan").await;
    let f = [
        ("kind", "thread"),
        ("id", t.as_str()),
        ("action", "move"),
        ("reason", "Moderasi"),
        ("area_id", &dauh.to_string()),
        ("category_id", &health),
    ];
    let e = app.call(&moderator, "moderate", &f).await.unwrap_err();
    assert_eq!(e["field"], "area_id", "{e}");
}
