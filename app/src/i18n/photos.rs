//! Words for photos and a place on complaints, proposals and posts.
use crate::error::PhotoProblem;
use crate::model::Lang;

pub struct PMsg {
    pub photos: &'static str,
    pub photos_hint: &'static str,
    pub photos_again: &'static str,
    pub sending: &'static str,
    pub upload_failed: &'static str,
    pub photo_n: &'static str,
    pub remove: &'static str,
    pub remove_warning: &'static str,
    pub remove_confirm: &'static str,
    pub removed: &'static str,
    pub hidden: &'static str,
    pub hide: &'static str,
    pub hide_reason: &'static str,
    pub place: &'static str,
    pub point_fact: &'static str,
    pub place_hint: &'static str,
    pub latitude: &'static str,
    pub longitude: &'static str,
    pub use_location: &'static str,
    pub locating: &'static str,
    pub no_location: &'static str,
    pub pick_on_map: &'static str,
    pub map_label: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub open_map: &'static str,
    pub open_osm: &'static str,
}

const ID: PMsg = PMsg {
    photos: "Foto (boleh dilewati)",
    photos_hint: "Paling banyak 4 foto, JPEG, PNG atau WebP, masing-masing sampai 12 MB. \
                  Data lokasi dan kamera di dalam foto dihapus sebelum disimpan. \
                  Jangan memotret wajah orang atau kartu identitas.",
    photos_again: "Foto tidak ikut terkirim kembali: pilih lagi fotonya.",
    sending: "Mengirim…",
    upload_failed: "Kiriman gagal. Periksa sambungan internet, lalu tekan tombol kirim lagi.",
    photo_n: "Foto",
    remove: "Hapus foto ini",
    remove_warning: "Foto yang dihapus tidak bisa dikembalikan.",
    remove_confirm: "Ya, hapus foto ini",
    removed: "Foto dihapus.",
    hidden: "Foto ini disembunyikan oleh moderator.",
    hide: "Sembunyikan foto",
    hide_reason: "Alasan (tampil di log moderasi publik)",
    place: "Titik lokasi (boleh dilewati)",
    point_fact: "Titik di peta",
    place_hint: "Lintang dan bujur dalam derajat desimal, misalnya -8.6705 dan 115.2126.",
    latitude: "Lintang",
    longitude: "Bujur",
    use_location: "Pakai lokasi saya",
    locating: "Mencari lokasi…",
    no_location: "Lokasi tidak bisa dibaca dari perangkat ini. Isi lintang dan bujur sendiri.",
    pick_on_map: "Pilih di peta",
    map_label: "Peta. Seret atau pakai tombol panah untuk menggeser, + dan − untuk memperbesar \
                dan memperkecil; klik, atau tekan Enter untuk tengah peta, untuk menandai titik.",
    zoom_in: "Perbesar",
    zoom_out: "Perkecil",
    open_map: "Buka di aplikasi peta",
    open_osm: "Lihat di OpenStreetMap",
};

const EN: PMsg = PMsg {
    photos: "Photos (optional)",
    photos_hint: "Up to 4 photos, JPEG, PNG or WebP, up to 12 MB each. \
                  Location and camera data inside a photo are removed before it is kept. \
                  Do not photograph people's faces or identity cards.",
    photos_again: "Photos are not sent back to you: choose them again.",
    sending: "Sending…",
    upload_failed: "Sending failed. Check your internet connection, then press send again.",
    photo_n: "Photo",
    remove: "Remove this photo",
    remove_warning: "A removed photo cannot be brought back.",
    remove_confirm: "Yes, remove this photo",
    removed: "Photo removed.",
    hidden: "This photo was hidden by a moderator.",
    hide: "Hide photo",
    hide_reason: "Reason (shown in the public moderation log)",
    place: "Point on the map (optional)",
    point_fact: "Point on the map",
    place_hint: "Latitude and longitude in decimal degrees, for example -8.6705 and 115.2126.",
    latitude: "Latitude",
    longitude: "Longitude",
    use_location: "Use my location",
    locating: "Finding your location…",
    no_location: "This device could not give a location. Enter latitude and longitude yourself.",
    pick_on_map: "Pick on a map",
    map_label: "Map. Drag or use the arrow keys to move it, + and − to zoom in and out; \
                click, or press Enter for the map's centre, to mark the point.",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    open_map: "Open in a map app",
    open_osm: "View on OpenStreetMap",
};

pub fn pmsg(lang: Lang) -> &'static PMsg {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

pub fn photo_problem(lang: Lang, n: u32, why: PhotoProblem) -> String {
    let id = lang == Lang::Id;
    let what = match (why, id) {
        (PhotoProblem::NotImage, true) => "bukan gambar JPEG, PNG atau WebP".to_owned(),
        (PhotoProblem::NotImage, false) => "is not a JPEG, PNG or WebP image".to_owned(),
        (PhotoProblem::Broken, true) => "rusak atau terpotong, jadi tidak bisa dibuka".to_owned(),
        (PhotoProblem::Broken, false) => "is damaged or cut short, so it cannot be opened".to_owned(),
        (PhotoProblem::TooLarge { mb }, true) => format!("lebih besar dari {mb} MB"),
        (PhotoProblem::TooLarge { mb }, false) => format!("is larger than {mb} MB"),
        (PhotoProblem::TooManyPixels { megapixels }, true) => {
            format!("berukuran lebih dari {megapixels} megapiksel")
        }
        (PhotoProblem::TooManyPixels { megapixels }, false) => format!("has more than {megapixels} megapixels"),
        (PhotoProblem::Animated, true) => "bergerak (animasi); kirim gambar diam".to_owned(),
        (PhotoProblem::Animated, false) => "is animated; send a still picture".to_owned(),
    };
    if id {
        format!("Foto ke-{n} {what}. Pilih lagi foto yang lain.")
    } else {
        format!("Photo {n} {what}. Choose the photos again.")
    }
}
