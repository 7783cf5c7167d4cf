//! What each error says to a person, in both languages.
use crate::error::{AppError, FieldProblem, Refusal};
use crate::model::Lang;

pub fn error_message(lang: Lang, e: &AppError) -> String {
    let id = lang == Lang::Id;
    match e {
        AppError::Field { field, problem } => crate::i18n::fields::field_message(lang, field, *problem)
            .map_or_else(|| field_problem(lang, *problem), str::to_owned),
        AppError::Fields { errors } => match errors.as_slice() {
            [one] => error_message(
                lang,
                &AppError::Field {
                    field: one.field.clone(),
                    problem: one.problem,
                },
            ),
            _ => crate::i18n::fields::smsg(lang).several.to_owned(),
        },
        AppError::WrongCredentials => if id {
            "Nama pengguna atau kata sandi salah."
        } else {
            "Wrong username or password."
        }
        .into(),
        AppError::Throttled { minutes } => {
            if id {
                format!("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.")
            } else {
                format!("Too many failed sign-in attempts. Try again in {minutes} minutes.")
            }
        }
        AppError::NotSignedIn => if id {
            "Silakan masuk terlebih dahulu."
        } else {
            "Please sign in first."
        }
        .into(),
        AppError::Forbidden => if id {
            "Anda tidak berhak melakukan ini."
        } else {
            "You are not allowed to do this."
        }
        .into(),
        AppError::NotFound => if id { "Tidak ditemukan." } else { "Not found." }.into(),
        AppError::BadRequest => if id {
            "Formulir tidak lengkap atau tidak sah. Muat ulang halaman dan coba lagi."
        } else {
            "The form was incomplete or invalid. Reload the page and try again."
        }
        .into(),
        AppError::Internal => if id {
            "Maaf, terjadi kesalahan di server. Coba lagi sebentar lagi."
        } else {
            "Sorry, something went wrong on the server. Please try again shortly."
        }
        .into(),
        AppError::Refused { reason } => refusal(lang, *reason).into(),
        AppError::Suspended { until, reason } => match (until, id) {
            (Some(t), true) => format!("Akun Anda ditangguhkan sampai {t} dan hanya dapat membaca. Alasan: {reason}"),
            (Some(t), false) => format!("Your account is suspended until {t} and can only read. Reason: {reason}"),
            (None, true) => format!("Akun Anda diblokir dan hanya dapat membaca. Alasan: {reason}"),
            (None, false) => format!("Your account is banned and can only read. Reason: {reason}"),
        },
        AppError::RateLimited { seconds } => {
            let (n, unit_id, unit_en) = if *seconds >= 120 {
                (seconds.div_ceil(60), "menit", "minutes")
            } else {
                (*seconds, "detik", "seconds")
            };
            if id {
                format!("Terlalu banyak dalam waktu singkat. Coba lagi dalam {n} {unit_id}.")
            } else {
                format!("Too many in a short time. Try again in {n} {unit_en}.")
            }
        }
        // A preview is shown as such, never as an error.
        AppError::Preview { .. } | AppError::Confirm { .. } | AppError::Template { .. } => String::new(),
        AppError::ConfirmAmount { amount, .. } => {
            let a = crate::i18n::amounts::amsg(lang);
            format!(
                "{}: {}. {}",
                a.read_as,
                crate::i18n::amounts::amount_text(lang, *amount),
                a.confirm_hint
            )
        }
    }
}

fn refusal(lang: Lang, r: Refusal) -> &'static str {
    let id = lang == Lang::Id;
    match r {
        Refusal::AlreadySupported => {
            if id {
                "Anda sudah mendukung usulan ini."
            } else {
                "You already support this proposal."
            }
        }
        Refusal::NotSupported => {
            if id {
                "Anda belum mendukung usulan ini."
            } else {
                "You do not support this proposal."
            }
        }
        Refusal::ClosedForSupport => {
            if id {
                "Usulan ini tidak sedang menerima dukungan."
            } else {
                "This proposal is not taking supports."
            }
        }
        Refusal::OutsideArea => {
            if id {
                "Hanya warga wilayah usulan ini yang dapat mendukungnya."
            } else {
                "Only residents of this proposal's area can support it."
            }
        }
        Refusal::WrongStep => {
            if id {
                "Langkah ini tidak dapat dilakukan pada tahap usulan sekarang."
            } else {
                "This step is not possible at the proposal's current stage."
            }
        }
        Refusal::ComplaintStep => {
            if id {
                "Langkah ini tidak dapat dilakukan pada tahap pengaduan sekarang."
            } else {
                "This step is not possible at the complaint's current stage."
            }
        }
        Refusal::AgencyOutsideArea => {
            if id {
                "Instansi itu tidak melayani wilayah pengaduan ini. Pilih instansi yang melayani wilayahnya."
            } else {
                "That agency does not serve this complaint's area. Choose an agency that serves it."
            }
        }
        Refusal::AlreadyRated => {
            if id {
                "Anda sudah memberi penilaian untuk layanan ini."
            } else {
                "You have already rated this service."
            }
        }
        Refusal::NotRateable => {
            if id {
                "Penilaian dibuka setelah pengaduan selesai ditangani atau usulan mendapat jawaban akhir."
            } else {
                "Rating opens once the complaint is resolved or the proposal has its final answer."
            }
        }
        Refusal::OwnAgency => {
            if id {
                "Petugas tidak dapat menilai layanan instansinya sendiri."
            } else {
                "Officers cannot rate their own agency's service."
            }
        }
        Refusal::Locked => {
            if id {
                "Utas ini dikunci moderator: tidak ada balasan baru."
            } else {
                "A moderator locked this thread: no new replies."
            }
        }
        Refusal::AlreadyFlagged => {
            if id {
                "Anda sudah melaporkan ini."
            } else {
                "You already flagged this."
            }
        }
        Refusal::Duplicate => {
            if id {
                "Teks yang sama baru saja Anda kirim."
            } else {
                "You just posted the same text."
            }
        }
        Refusal::Deleted => {
            if id {
                "Ini sudah dihapus oleh penulisnya."
            } else {
                "Its author deleted it."
            }
        }
        Refusal::OfficialResponse => {
            if id {
                "Tanggapan resmi tidak dapat disembunyikan; data pribadi di dalamnya dapat disunting."
            } else {
                "Official responses cannot be hidden; personal data in them can be edited out."
            }
        }
        Refusal::NoChange => {
            if id {
                "Tidak ada yang berubah: sudah dalam keadaan itu."
            } else {
                "Nothing to change: it is already so."
            }
        }
        Refusal::AlreadyAppealed => {
            if id {
                "Tindakan ini sudah pernah dibanding."
            } else {
                "This action was already appealed."
            }
        }
        Refusal::NotAppealable => {
            if id {
                "Tindakan ini tidak dapat dibanding atau bandingnya sudah diputus."
            } else {
                "This action cannot be appealed, or its appeal was already decided."
            }
        }
        Refusal::CannotMerge => {
            if id {
                "Usulan tidak dapat digabung ke dirinya sendiri, ke usulan yang sudah digabung, atau ke usulan yang wilayahnya tidak mencakupnya."
            } else {
                "A proposal cannot be merged into itself, into a merged one, or into one whose area does not cover it."
            }
        }
        Refusal::NotCorrectable => {
            if id {
                "Hanya jawaban resmi dan langkah petugas yang dapat dikoreksi."
            } else {
                "Only official responses and officers' steps can be corrected."
            }
        }
        Refusal::LinkExpired => {
            if id {
                "Tautan ini tidak berlaku lagi: sudah dipakai atau sudah kedaluwarsa. Minta tautan baru di Pengaturan."
            } else {
                "This link no longer works: it was used already or has expired. Ask for a new one in Settings."
            }
        }
        Refusal::OtherAccount => {
            if id {
                "Tautan ini untuk akun lain. Keluar, lalu buka tautan itu lagi."
            } else {
                "This link is for another account. Sign out, then open the link again."
            }
        }
        Refusal::EmailTaken => {
            if id {
                "Alamat email ini sudah dipakai akun lain. Pakai alamat lain."
            } else {
                "Another account already uses this email address. Use another address."
            }
        }
        Refusal::BadLink => {
            if id {
                "Tautan ini tidak utuh atau sudah diubah, jadi tidak ada yang berubah. Salin seluruh tautan dari email, atau ubah pilihan di Pengaturan."
            } else {
                "This link is incomplete or was changed, so nothing changed. Copy the whole link from the email, or change your choices in Settings."
            }
        }
        Refusal::PlanClosed => {
            if id {
                "Tahap ini sedang tidak menerima itu. Lihat jadwalnya di halaman Musrenbang."
            } else {
                "This stage is not taking that now. See the calendar on the Musrenbang page."
            }
        }
        Refusal::PlanOutsideArea => {
            if id {
                "Hanya warga wilayah ini yang dapat ikut di sini. Periksa wilayah tempat tinggal di Pengaturan."
            } else {
                "Only residents of this area take part here. Check your home area in Settings."
            }
        }
        Refusal::TooManyUsulan => {
            if id {
                "Anda sudah mengajukan 5 usulan Musrenbang di tahap ini, batas per orang."
            } else {
                "You have put forward 5 Musrenbang proposals at this stage, the limit per person."
            }
        }
        Refusal::OverCeiling => {
            if id {
                "Pilihan Anda akan melebihi pagu wilayah ini. Batalkan pilihan lain dulu."
            } else {
                "Your choices would cost more than this area's ceiling. Remove another choice first."
            }
        }
        Refusal::VotedElsewhere => {
            if id {
                "Anda sudah memilih di wilayah lain pada tahap ini. Satu orang memilih di satu wilayah per tahap."
            } else {
                "You already voted in another area at this stage. Each person votes in one area per stage."
            }
        }
        Refusal::NotFeasible => {
            if id {
                "Usulan ini dinyatakan tidak layak oleh dinas, jadi tidak dapat dipilih."
            } else {
                "The agency found this proposal not feasible, so it cannot be chosen."
            }
        }
        Refusal::NotCounted => {
            if id {
                "Suara belum dihitung. Hasil dapat disahkan setelah pemungutan suara ditutup dan dihitung."
            } else {
                "The votes are not counted yet. Results are confirmed once voting has closed and been counted."
            }
        }
        Refusal::AlreadyConfirmed => {
            if id {
                "Hasil wilayah ini sudah disahkan dan tidak dapat diubah."
            } else {
                "This area's result is confirmed and cannot be changed."
            }
        }
        Refusal::NotInTier => {
            if id {
                "Usulan itu tidak ada di wilayah ini pada tahap ini."
            } else {
                "That proposal is not in this area at this stage."
            }
        }
    }
}

/// The general message for a field problem (a field names itself beside it).
pub fn field_problem(lang: Lang, p: FieldProblem) -> String {
    let id = lang == Lang::Id;
    match p {
        FieldProblem::Required => if id { "Wajib diisi." } else { "This field is required." }.into(),
        FieldProblem::Choose => if id { "Pilih salah satu." } else { "Choose one." }.into(),
        FieldProblem::Date => if id {
            "Tulis tanggal yang ada, dalam bentuk tahun-bulan-tanggal, misalnya 2026-11-30."
        } else {
            "Enter a real date, as year-month-day, for example 2026-11-30."
        }
        .into(),
        FieldProblem::NotVillage => if id {
            "Pilih desa atau kelurahan tempat Anda tinggal, bukan kecamatan, kota atau provinsi."
        } else {
            "Choose the village (desa or kelurahan) where you live, not a district, city or province."
        }
        .into(),
        FieldProblem::NotCity => if id {
            "Pilih kota atau kabupaten, bukan provinsi, kecamatan atau desa/kelurahan."
        } else {
            "Choose a kota or kabupaten (city or regency), not a province, district or village."
        }
        .into(),
        FieldProblem::FutureDate => if id {
            "Tanggal tidak boleh setelah hari ini."
        } else {
            "The date cannot be after today."
        }
        .into(),
        FieldProblem::TooShort { min } => {
            if id {
                format!("Terlalu pendek: paling sedikit {min} karakter.")
            } else {
                format!("Too short: at least {min} characters.")
            }
        }
        FieldProblem::TooLong { max } => {
            if id {
                format!("Terlalu panjang: paling banyak {max} karakter.")
            } else {
                format!("Too long: at most {max} characters.")
            }
        }
        FieldProblem::UsernameChars => if id {
            "Hanya huruf, angka, titik, garis bawah dan tanda hubung; diawali huruf atau angka."
        } else {
            "Only letters, digits, dot, underscore and hyphen; starting with a letter or digit."
        }
        .into(),
        FieldProblem::Taken => if id {
            "Nama pengguna ini sudah dipakai."
        } else {
            "This username is already taken."
        }
        .into(),
        FieldProblem::Mismatch => if id {
            "Kedua kata sandi tidak sama."
        } else {
            "The two passwords do not match."
        }
        .into(),
        FieldProblem::WrongPassword => if id { "Kata sandi salah." } else { "Wrong password." }.into(),
        FieldProblem::Unknown => if id {
            "Pilihan ini tidak dikenal."
        } else {
            "This choice is not known."
        }
        .into(),
        FieldProblem::Inactive => if id {
            "Wilayah ini tidak lagi ada di daftar resmi. Pilih wilayah lain."
        } else {
            "This area is no longer on the official list. Choose another area."
        }
        .into(),
        FieldProblem::Invalid => if id {
            "Isian ini tidak sah."
        } else {
            "This value is not valid."
        }
        .into(),
        FieldProblem::Email => if id {
            "Tulis alamat email lengkap, misalnya nama@contoh.id."
        } else {
            "Enter a whole email address, like name@example.id."
        }
        .into(),
        FieldProblem::TooManyLinks { max } => {
            if id {
                format!("Terlalu banyak tautan: paling banyak {max}.")
            } else {
                format!("Too many links: at most {max}.")
            }
        }
        FieldProblem::Amount { amount } => crate::i18n::amounts::amount_problem(lang, amount).into(),
        FieldProblem::Line { line, why } => {
            use crate::error::LineProblem as L;
            let what = match (why, id) {
                (L::Header, true) => "baris pertama harus name,short_name,categories",
                (L::Header, false) => "the first line must be name,short_name,categories",
                (L::Columns, true) => "harus ada tiga kolom: nama, singkatan, kategori",
                (L::Columns, false) => "there must be three columns: name, short name, categories",
                (L::EmptyName, true) => "nama dan singkatan wajib diisi",
                (L::EmptyName, false) => "the name and short name are required",
                (L::TooLong, true) => "nama paling banyak 150 karakter, singkatan 30",
                (L::TooLong, false) => "a name has at most 150 characters, a short name 30",
                (L::Duplicate, true) => "nama ini sudah muncul di baris sebelumnya",
                (L::Duplicate, false) => "this name is already on an earlier line",
                (L::UnknownCategory, true) => "kategori tidak dikenal (pakai kode kategori, dipisah spasi)",
                (L::UnknownCategory, false) => "unknown category (use category codes, separated by spaces)",
                (L::Retired, true) => "instansi dengan nama ini sudah tidak aktif",
                (L::Retired, false) => "an agency of this name is retired",
            };
            if id {
                format!("Baris {line}: {what}. Tidak ada yang disimpan.")
            } else {
                format!("Line {line}: {what}. Nothing was saved.")
            }
        }
        FieldProblem::Retired => if id {
            "Instansi ini sudah tidak aktif."
        } else {
            "This agency is retired."
        }
        .into(),
        FieldProblem::Photo { n, why } => crate::i18n::photos::photo_problem(lang, n, why),
        FieldProblem::TooManyPhotos { max } => {
            if id {
                format!("Terlalu banyak foto: paling banyak {max}.")
            } else {
                format!("Too many photos: at most {max}.")
            }
        }
        FieldProblem::Coordinates => if id {
            "Tulis lintang dan bujur sebagai angka desimal, misalnya -8.6705 dan 115.2126, atau kosongkan keduanya."
        } else {
            "Enter latitude and longitude as decimal numbers, for example -8.6705 and 115.2126, or leave both empty."
        }
        .into(),
        FieldProblem::OutsideIndonesia => if id {
            "Titik ini di luar Indonesia. Periksa lintang dan bujurnya."
        } else {
            "This point is outside Indonesia. Check its latitude and longitude."
        }
        .into(),
        FieldProblem::AboveCeiling { ceiling } => {
            let pagu = crate::i18n::proposals::rupiah(lang, ceiling);
            if id {
                format!(
                    "Biayanya melebihi pagu wilayah ini ({pagu}). Perkecil usulannya atau bagi menjadi beberapa tahun."
                )
            } else {
                format!("The cost is more than this area's ceiling ({pagu}). Make the proposal smaller or split it over several years.")
            }
        }
        FieldProblem::StillResponsible { count } => {
            if id {
                format!(
                    "Instansi ini masih menangani {count} kategori di suatu wilayah. Serahkan ke instansi lain dulu."
                )
            } else {
                format!(
                    "This agency still answers for {count} categories somewhere. Hand them to another agency first."
                )
            }
        }
    }
}
