#![allow(clippy::unwrap_used)]
//! Photos and a point on complaints: what is kept of an upload, who may see
//! it, and every kind of bad upload, over HTTP on whichever backend the
//! suite runs on.
mod common;
use app::server::time;
use common::*;
use image::{ImageEncoder, RgbImage};
use reqwest::header::{ACCEPT, ORIGIN, REFERER};
use reqwest::multipart::{Form, Part};
use reqwest::Client;

fn today() -> String {
    time::iso_date(time::now(), "WITA")
}

/// A photo as a phone writes it: `w`×`h` pixels, turned by EXIF
/// orientation 6 (to be shown 90° clockwise), with GPS coordinates.
fn phone_jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, 200]));
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    // A TIFF block, big-endian: IFD0 with Orientation and a GPS IFD holding
    // latitude 8° 40' 12.34" S.
    let mut tiff: Vec<u8> = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut e = Vec::new();
        e.extend(tag.to_be_bytes());
        e.extend(kind.to_be_bytes());
        e.extend(count.to_be_bytes());
        e.extend(value);
        e
    };
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0112, 3, 1, [0, 6, 0, 0]));
    tiff.extend(entry(0x8825, 4, 1, 38u32.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len(), 38);
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0001, 2, 2, *b"S\0\0\0"));
    tiff.extend(entry(0x0002, 5, 3, 68u32.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len(), 68);
    for (n, d) in [(8u32, 1u32), (40, 1), (1234, 100)] {
        tiff.extend(n.to_be_bytes());
        tiff.extend(d.to_be_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(&app1);
    out.extend(&plain[2..]);
    out
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, _| image::Rgba([255, 0, 0, (x * 10) as u8]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend(data);
    c.extend(&body);
    c.extend(crc32(&body).to_be_bytes());
    c
}

/// A PNG of a few bytes whose header claims 100,000 × 100,000 pixels.
fn png_bomb() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 100_000u32.to_be_bytes().to_vec();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    out.extend(chunk(b"IEND", &[]));
    out
}

/// An animated PNG: a still one with an animation control chunk.
fn apng() -> Vec<u8> {
    let still = png(8, 8);
    let mut out = still[..33].to_vec(); // signature and IHDR
    let mut actl = 2u32.to_be_bytes().to_vec();
    actl.extend(0u32.to_be_bytes());
    out.extend(chunk(b"acTL", &actl));
    out.extend(&still[33..]);
    out
}

fn complaint_form(area: i64, cat: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = [
        ("title", "Jembatan di Jalan Nangka retak"),
        (
            "body",
            "Jembatan kecil di Jalan Nangka retak lebar di sisi timur; motor masih lewat setiap hari.",
        ),
        ("category_id", cat),
        ("happened_on", &today()),
        ("location", "Jalan Nangka"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    form.push(("area_id".into(), area.to_string()));
    for (k, v) in extra {
        form.retain(|(name, _)| name != k);
        form.push((k.to_string(), v.to_string()));
    }
    form
}

fn multipart(fields: &[(String, String)], photos: &[(&str, Vec<u8>)]) -> Form {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.clone(), v.clone());
    }
    for (name, bytes) in photos {
        form = form.part("photos", Part::bytes(bytes.clone()).file_name(name.to_string()));
    }
    form
}

/// Files a complaint with photos as the page's script does (JSON answer).
async fn file_with(
    app: &TestApp,
    c: &Client,
    fields: &[(String, String)],
    photos: &[(&str, Vec<u8>)],
) -> Result<i64, serde_json::Value> {
    let r = c
        .post(app.url("/api/file_complaint"))
        .header(ORIGIN, app.base.clone())
        .header(ACCEPT, "application/json")
        .multipart(multipart(fields, photos))
        .send()
        .await
        .unwrap();
    let is_err = r.headers().contains_key("serverfnerror");
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    if is_err || status >= 400 {
        return Err(serde_json::from_str(&text).unwrap_or(serde_json::Value::String(format!("{status} {text}"))));
    }
    Ok(app.scalar("SELECT MAX(id) FROM complaints").await)
}

async fn keys_of(app: &TestApp, complaint: i64) -> Vec<String> {
    sqlx::query_scalar(&format!(
        "SELECT key FROM photos WHERE item_kind = 'complaint' AND item_id = {complaint} ORDER BY position"
    ))
    .fetch_all(&app.db().pool)
    .await
    .unwrap()
}

async fn fetch(app: &TestApp, c: &Client, key: &str, variant: &str) -> (u16, Vec<u8>) {
    let r = c
        .get(app.url(&format!("/photos/{key}/{variant}.jpg")))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.bytes().await.unwrap().to_vec())
}

fn problems(e: &serde_json::Value) -> Vec<(String, String)> {
    let list = match e["errors"].as_array() {
        Some(list) => list.clone(),
        None => vec![e.clone()],
    };
    list.iter()
        .map(|f| (f["field"].as_str().unwrap_or("").to_owned(), f.to_string()))
        .collect()
}

#[tokio::test]
async fn photos_lose_their_metadata_stand_upright_and_follow_the_complaint() {
    let app = spawn().await;
    let denpasar = app.area_id("Dauh Puri").await;
    let cat = category(&app, "infrastruktur").await;
    let author = resident(&app, "ani.foto", denpasar).await;
    let raw = phone_jpeg(64, 32);
    assert!(raw.windows(4).any(|w| w == b"Exif"));
    let fields = complaint_form(
        denpasar,
        &cat,
        &[("private", "1"), ("lat", "-8.6705"), ("lon", "115.2126")],
    );
    let id = file_with(
        &app,
        &author,
        &fields,
        &[("jalan.jpg", raw), ("denah.png", png(40, 20))],
    )
    .await
    .unwrap();
    let keys = keys_of(&app, id).await;
    assert_eq!(keys.len(), 2);
    let point: (Option<i64>, Option<i64>) =
        sqlx::query_as(&format!("SELECT lat_e6, lon_e6 FROM complaints WHERE id = {id}"))
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(point, (Some(-8_670_500), Some(115_212_600)));

    // What is kept: JPEG, upright (the camera's 64×32 turned to 32×64), and
    // no metadata at all.
    for variant in ["t", "d"] {
        let (status, bytes) = fetch(&app, &author, &keys[0], variant).await;
        assert_eq!(status, 200);
        assert_eq!(&bytes[..2], &[0xFF, 0xD8]);
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "EXIF left in the {variant} copy"
        );
        assert!(!bytes.windows(2).any(|w| w == [0xFF, 0xE1]), "an APP1 segment is left");
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (32, 64));
    }
    let (_, png_copy) = fetch(&app, &author, &keys[1], "d").await;
    assert_eq!(image::guess_format(&png_copy).unwrap(), image::ImageFormat::Jpeg);

    // A private complaint's photos: its complainant, the agency, admins.
    let visitor = browser();
    let other = resident(&app, "budi.foto", denpasar).await;
    let officer = app.signed_in_as("petugas.pupr.denpasar").await;
    let stranger_officer = app.signed_in_as("petugas.dinkes.jayawijaya").await;
    let admin = app.signed_in_as("admin").await;
    for (who, c, seen) in [
        ("visitor", &visitor, false),
        ("other resident", &other, false),
        ("another agency's officer", &stranger_officer, false),
        ("the agency's officer", &officer, true),
        ("admin", &admin, true),
    ] {
        let (status, _) = fetch(&app, c, &keys[0], "t").await;
        assert_eq!(status == 200, seen, "{who} got {status}");
        if !seen {
            assert_eq!(status, 404, "{who}");
        }
        let (_, page) = app.page(c, &format!("/complaints/{id}")).await;
        assert_eq!(page.contains(&keys[0]), seen, "{who}: the page names the photo");
    }
    let (_, page) = app.page(&officer, &format!("/complaints/{id}")).await;
    assert!(page.contains("geo:-8.670500,115.212600"), "the point is linked");
    assert!(page.contains(r#"loading="lazy""#) && page.contains(r#"width="160""#) || page.contains("width="));

    // A public complaint's photo is for anyone; a wrong or guessed key is not found.
    let public = file_with(
        &app,
        &author,
        &complaint_form(denpasar, &cat, &[]),
        &[("a.jpg", phone_jpeg(20, 20))],
    )
    .await
    .unwrap();
    let key = keys_of(&app, public).await.remove(0);
    assert_eq!(fetch(&app, &visitor, &key, "t").await.0, 200);
    let r = visitor
        .get(app.url(&format!("/photos/{key}/t.jpg")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let private_r = admin
        .get(app.url(&format!("/photos/{}/t.jpg", keys[0])))
        .send()
        .await
        .unwrap();
    assert!(private_r.headers()["cache-control"]
        .to_str()
        .unwrap()
        .starts_with("private"));
    for bad in [
        "0123456789abcdef0123456789abcdef",
        "../../etc/passwd",
        &key.to_uppercase(),
    ] {
        assert_eq!(fetch(&app, &visitor, bad, "t").await.0, 404, "{bad}");
    }
    assert_eq!(
        visitor
            .get(app.url(&format!("/photos/{key}/x.jpg")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // Hidden by a moderator: its photos with it (to all but admins).
    sqlx::query(&format!("UPDATE complaints SET hidden_at = 1 WHERE id = {public}"))
        .execute(&app.db().pool)
        .await
        .unwrap();
    assert_eq!(fetch(&app, &visitor, &key, "t").await.0, 404);
    assert_eq!(fetch(&app, &author, &key, "t").await.0, 404);
    assert_eq!(fetch(&app, &admin, &key, "t").await.0, 200);

    // Its author removes a photo while the complaint is only received;
    // nobody else can.
    let e = app
        .call(&other, "remove_photo", &[("key", &keys[1])])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "not_found");
    app.call(&author, "remove_photo", &[("key", &keys[1])]).await.unwrap();
    assert_eq!(keys_of(&app, id).await.len(), 1);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM photo_data WHERE photo_id NOT IN (SELECT id FROM photos)")
            .await,
        0
    );
}

/// A bad form: what is wrong, its fields, its photos, the problem expected.
type Case<'a> = (&'a str, Vec<(String, String)>, Vec<(&'a str, Vec<u8>)>, &'a str);

#[tokio::test]
async fn bad_photos_and_points_are_refused_and_nothing_is_kept() {
    let app = spawn().await;
    let denpasar = app.area_id("Dauh Puri").await;
    let cat = category(&app, "infrastruktur").await;
    let c = resident(&app, "cici.foto", denpasar).await;
    let good = phone_jpeg(16, 16);
    let truncated = {
        let full = phone_jpeg(256, 256);
        full[..full.len() / 2].to_vec()
    };
    let fields = complaint_form(denpasar, &cat, &[]);
    let before = app.scalar("SELECT COUNT(*) FROM complaints").await;
    // The demo's own photos.
    let (kept, bytes) = (
        app.scalar("SELECT COUNT(*) FROM photos").await,
        app.scalar("SELECT COUNT(*) FROM photo_data").await,
    );
    let cases: Vec<Case> = vec![
        (
            "renamed text",
            fields.clone(),
            vec![("foto.jpg", b"bukan gambar sama sekali".to_vec())],
            "not_image",
        ),
        (
            "truncated",
            fields.clone(),
            vec![("a.jpg", good.clone()), ("b.jpg", truncated)],
            "broken",
        ),
        ("bomb", fields.clone(), vec![("bom.png", png_bomb())], "too_many_pixels"),
        ("animated", fields.clone(), vec![("gerak.png", apng())], "animated"),
        (
            "too many",
            fields.clone(),
            (0..5).map(|_| ("x.jpg", good.clone())).collect(),
            "too_many_photos",
        ),
        (
            "too large",
            fields.clone(),
            vec![("besar.jpg", vec![0xFF; 12 * 1024 * 1024 + 1])],
            "too_large",
        ),
        (
            "outside Indonesia",
            complaint_form(denpasar, &cat, &[("lat", "48.8566"), ("lon", "2.3522")]),
            vec![],
            "outside_indonesia",
        ),
        (
            "malformed point",
            complaint_form(denpasar, &cat, &[("lat", "-8,67,1"), ("lon", "")]),
            vec![],
            "coordinates",
        ),
    ];
    for (what, fields, photos, expected) in cases {
        let e = file_with(&app, &c, &fields, &photos).await.unwrap_err();
        let found = problems(&e);
        assert!(
            found
                .iter()
                .any(|(f, p)| (f == "photos" || f == "lat") && p.contains(expected)),
            "{what}: {e}"
        );
        assert_eq!(app.scalar("SELECT COUNT(*) FROM complaints").await, before, "{what}");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM photos").await, kept, "{what}");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM photo_data").await, bytes, "{what}");
    }

    // Every problem of the form at once: a missing title and a bad photo.
    let no_title = complaint_form(denpasar, &cat, &[("title", "")]);
    let e = file_with(&app, &c, &no_title, &[("x.jpg", b"GIF89a....".to_vec())])
        .await
        .unwrap_err();
    let fields: Vec<String> = problems(&e).into_iter().map(|(f, _)| f).collect();
    assert!(
        fields.contains(&"title".to_owned()) && fields.contains(&"photos".to_owned()),
        "{e}"
    );

    // Without script: the form comes back with its text and the error.
    let c = app.signed_in_as("warga.denpasar").await;
    let r = c
        .post(app.url("/api/file_complaint"))
        .header(ORIGIN, app.base.clone())
        .header(ACCEPT, "text/html")
        .header(REFERER, app.url("/complaints/new"))
        .multipart(multipart(
            &complaint_form(denpasar, &cat, &[]),
            &[("x.jpg", b"not a photo".to_vec())],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let back = r.headers()["location"].to_str().unwrap().to_owned();
    let (_, page) = app.page(&c, &back).await;
    assert!(
        page.contains("Jembatan di Jalan Nangka retak"),
        "the title is kept: {back} {page}"
    );
    assert!(
        page.contains("Foto ke-1 bukan gambar JPEG, PNG atau WebP"),
        "the error is said"
    );
    assert!(page.contains("pilih lagi fotonya"), "asked to choose the photos again");

    // Sent by the page's script: where to go next comes as a header, and
    // the error waits for that page.
    let r = c
        .post(app.url("/api/file_complaint"))
        .header(ORIGIN, app.base.clone())
        .header(ACCEPT, "text/html")
        .header("X-Rembuk-Upload", "1")
        .header(REFERER, app.url("/complaints/new"))
        .multipart(multipart(
            &complaint_form(denpasar, &cat, &[]),
            &[("x.jpg", b"not a photo".to_vec())],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let next = r.headers()["x-location"].to_str().unwrap().to_owned();
    let (_, page) = app.page(&c, &next).await;
    assert!(
        page.contains("Foto ke-1 bukan gambar JPEG, PNG atau WebP"),
        "the error is said"
    );

    // A multipart post anywhere else is refused, not read.
    let r = c
        .post(app.url("/api/create_thread"))
        .header(ORIGIN, app.base.clone())
        .multipart(multipart(&[("title".into(), "x".into())], &[]))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success() || r.status().is_client_error());
    let r = c
        .post(app.url("/api/set_language"))
        .header(ORIGIN, app.base.clone())
        .multipart(multipart(&[("lang".into(), "en".into())], &[]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);

    // And a good one, without script, goes to the receipt.
    let r = c
        .post(app.url("/api/file_complaint"))
        .header(ORIGIN, app.base.clone())
        .header(ACCEPT, "text/html")
        .header(REFERER, app.url("/complaints/new"))
        .multipart(multipart(&complaint_form(denpasar, &cat, &[]), &[("x.jpg", good)]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302, "{:?}", r.headers());
    assert!(r.headers()["location"].to_str().unwrap().contains("filed=1"));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM photos").await, kept + 1);
}

#[tokio::test]
async fn photos_can_live_in_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_owned();
    let app = spawn_with(move |c| c.photo_dir = Some(path)).await;
    let denpasar = app.area_id("Dauh Puri").await;
    let cat = category(&app, "infrastruktur").await;
    let c = resident(&app, "dedi.foto", denpasar).await;
    let id = file_with(
        &app,
        &c,
        &complaint_form(denpasar, &cat, &[]),
        &[("a.jpg", phone_jpeg(30, 30))],
    )
    .await
    .unwrap();
    let key = keys_of(&app, id).await.remove(0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM photo_data").await, 0);
    let file = dir.path().join(&key[..2]).join(format!("{key}-t.jpg"));
    let (status, bytes) = fetch(&app, &browser(), &key, "t").await;
    assert_eq!(status, 200);
    assert_eq!(std::fs::read(file).unwrap(), bytes);
    app.call(&c, "remove_photo", &[("key", &key)]).await.unwrap();
    assert!(!dir.path().join(&key[..2]).join(format!("{key}-d.jpg")).exists());
}

#[tokio::test]
async fn a_map_is_offered_from_its_tile_server_and_only_when_there_is_one() {
    let csp_of = |r: &reqwest::Response| r.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let own = "https://peta.example.go.id/tiles/{z}/{x}/{y}.png";
    let app = spawn_with(|c| c.map_tiles = Some(own.to_owned())).await;
    let c = app.signed_in_as("warga.denpasar").await;
    let r = app.get(&c, "/complaints/new").await;
    assert!(
        csp_of(&r).contains("img-src 'self' data: https://peta.example.go.id;"),
        "{}",
        csp_of(&r)
    );
    let html = r.text().await.unwrap();
    assert!(
        html.contains(r#"data-map="" hidden"#),
        "the map's button waits for the script"
    );
    assert!(html.contains(r#"data-tiles="https://peta.example.go.id/tiles/{z}/{x}/{y}.png""#));
    assert!(html.contains(r#"data-credit="© OpenStreetMap contributors""#));
    app.call(&c, "set_language", &[("lang", "en")]).await.unwrap();
    let (_, english) = app.page(&c, "/complaints/new").await;
    assert!(english.contains(">Pick on a map</button>"), "{english}");

    let app = spawn_with(|c| c.map_tiles = None).await;
    let c = app.signed_in_as("warga.denpasar").await;
    let r = app.get(&c, "/complaints/new").await;
    assert!(csp_of(&r).contains("img-src 'self' data: ;"), "{}", csp_of(&r));
    let html = r.text().await.unwrap();
    assert!(!html.contains("data-map"));
    assert!(html.contains("data-locate"), "typing and 'use my location' stay");
}

/// Posts a form with photos to server function `endpoint` (JSON answer).
async fn post_with(
    app: &TestApp,
    c: &Client,
    endpoint: &str,
    fields: &[(&str, &str)],
    photos: &[(&str, Vec<u8>)],
) -> Result<(), serde_json::Value> {
    let fields: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let r = c
        .post(app.url(&format!("/api/{endpoint}")))
        .header(ORIGIN, app.base.clone())
        .header(ACCEPT, "application/json")
        .multipart(multipart(&fields, photos))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let is_err = r.headers().contains_key("serverfnerror") || status >= 400;
    let text = r.text().await.unwrap();
    if is_err {
        Err(serde_json::from_str(&text).unwrap_or(serde_json::Value::String(format!("{status} {text}"))))
    } else {
        Ok(())
    }
}

async fn photo_keys(app: &TestApp, kind: &str, id: i64) -> Vec<String> {
    sqlx::query_scalar(&format!(
        "SELECT key FROM photos WHERE item_kind = '{kind}' AND item_id = {id} ORDER BY position"
    ))
    .fetch_all(&app.db().pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn proposals_threads_and_replies_carry_photos_and_moderators_hide_one() {
    let app = spawn().await;
    let dauh_puri = app.area_id("Dauh Puri").await.to_string();
    let cat = category(&app, "infrastruktur").await;
    let author = app.signed_in_as("warga.denpasar").await;
    let jpeg = phone_jpeg(24, 24);

    // A proposal with a point and two photos.
    let proposal = [
        ("title", "Taman bermain di lapangan Dauh Puri"),
        ("body", "Lapangan kosong bisa dijadikan taman bermain anak."),
        ("area_id", &dauh_puri),
        ("category_id", &cat),
        ("publish", "1"),
        ("lat", "-8.6571"),
        ("lon", "115.2093"),
    ];
    post_with(
        &app,
        &author,
        "create_proposal",
        &proposal,
        &[("a.jpg", jpeg.clone()), ("b.jpg", jpeg.clone())],
    )
    .await
    .unwrap();
    let pid = app.scalar("SELECT MAX(id) FROM proposals").await;
    assert_eq!(photo_keys(&app, "proposal", pid).await.len(), 2);
    let (_, page) = app.page(&browser(), &format!("/proposals/{pid}")).await;
    assert!(page.contains("geo:-8.657100,115.209300"));

    // A thread and a reply with photos; the thread page shows them, and
    // shows a removal at once (its posts are kept in memory by version).
    let thread_form = [
        ("title", "Got mampet di Jalan Kartini"),
        ("body", "Got di Jalan Kartini mampet sejak minggu lalu."),
        ("area_id", &dauh_puri),
        ("category_id", &cat),
    ];
    post_with(
        &app,
        &author,
        "create_thread",
        &thread_form,
        &[("got.jpg", jpeg.clone())],
    )
    .await
    .unwrap();
    let thread = app.scalar("SELECT MAX(id) FROM threads WHERE usulan_id IS NULL").await;
    let opening = app
        .scalar(&format!("SELECT id FROM posts WHERE thread_id = {thread} AND seq = 0"))
        .await;
    let replier = app.signed_in_as("warga.plaju").await;
    let t = thread.to_string();
    post_with(
        &app,
        &replier,
        "reply",
        &[("thread_id", &t), ("body", "Di ujung gang juga sama.")],
        &[("gang.jpg", jpeg.clone())],
    )
    .await
    .unwrap();
    let reply = app
        .scalar(&format!("SELECT MAX(id) FROM posts WHERE thread_id = {thread}"))
        .await;
    let (open_key, reply_key) = (
        photo_keys(&app, "post", opening).await.remove(0),
        photo_keys(&app, "post", reply).await.remove(0),
    );
    let (_, page) = app.page(&browser(), &format!("/t/{thread}")).await;
    assert!(page.contains(&open_key) && page.contains(&reply_key));
    let e = post_with(
        &app,
        &replier,
        "reply",
        &[("thread_id", &t), ("body", "")],
        &[("x.jpg", b"bukan".to_vec())],
    )
    .await
    .unwrap_err();
    let fields: Vec<String> = problems(&e).into_iter().map(|(f, _)| f).collect();
    assert!(
        fields.contains(&"body".to_owned()) && fields.contains(&"photos".to_owned()),
        "{e}"
    );

    // Only a moderator of the area hides a photo, with a reason; the public
    // log says so and the photo is gone from the page and its address.
    let e = app
        .call(&author, "hide_photo", &[("key", &reply_key), ("reason", "Wajah orang")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "forbidden");
    let moderator = app.signed_in_as("moderator.denpasar").await;
    let e = app
        .call(&moderator, "hide_photo", &[("key", &reply_key), ("reason", "")])
        .await
        .unwrap_err();
    assert_eq!(e["field"], "reason");
    app.call(
        &moderator,
        "hide_photo",
        &[("key", &reply_key), ("reason", "Wajah orang terlihat jelas")],
    )
    .await
    .unwrap();
    assert_eq!(fetch(&app, &browser(), &reply_key, "t").await.0, 404);
    let (_, page) = app.page(&browser(), &format!("/t/{thread}")).await;
    assert!(
        !page.contains(&format!("/photos/{reply_key}")),
        "the hidden photo is not linked"
    );
    assert!(page.contains("Foto ini disembunyikan oleh moderator."));
    let (_, log) = app.page(&browser(), "/moderation/log").await;
    assert!(log.contains("Foto disembunyikan") && log.contains("Wajah orang terlihat jelas"));
    let e = app
        .call(&moderator, "hide_photo", &[("key", &reply_key), ("reason", "lagi")])
        .await
        .unwrap_err();
    assert_eq!(code(&e), "refused");

    // Its author removes the thread's photo; the page no longer shows it.
    app.call(&author, "remove_photo", &[("key", &open_key)]).await.unwrap();
    let (_, page) = app.page(&browser(), &format!("/t/{thread}")).await;
    assert!(!page.contains(&open_key));

    // At most four photos on an item, counting those it has.
    let draft = [
        ("title", "Draf dengan foto"),
        ("body", "Draf usulan yang diberi foto dua kali."),
        ("area_id", &dauh_puri),
        ("category_id", &cat),
    ];
    post_with(
        &app,
        &author,
        "create_proposal",
        &draft,
        &(0..3).map(|_| ("x.jpg", jpeg.clone())).collect::<Vec<_>>(),
    )
    .await
    .unwrap();
    let did = app.scalar("SELECT MAX(id) FROM proposals").await.to_string();
    let mut again = draft.to_vec();
    again.push(("id", &did));
    let e = post_with(
        &app,
        &author,
        "edit_proposal",
        &again,
        &[("a.jpg", jpeg.clone()), ("b.jpg", jpeg.clone())],
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("too_many_photos"), "{e}");
    post_with(&app, &author, "edit_proposal", &again, &[("a.jpg", jpeg)])
        .await
        .unwrap();
    assert_eq!(photo_keys(&app, "proposal", did.parse().unwrap()).await.len(), 4);
}
