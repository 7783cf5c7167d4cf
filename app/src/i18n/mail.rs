//! Words for email: the address in settings and the confirmation page.
use crate::model::Lang;

pub struct EMsg {
    pub section: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub confirmed: &'static str,
    pub waiting: &'static str,
    pub waiting_hint: &'static str,
    pub save: &'static str,
    pub sent: &'static str,
    pub removed: &'static str,
    pub confirm_title: &'static str,
    pub confirm_lead: &'static str,
    pub confirm_button: &'static str,
    pub done: &'static str,
    pub to_settings: &'static str,
}

const ID: EMsg = EMsg {
    section: "Email",
    label: "Alamat email (tidak wajib)",
    hint: "Untuk mengatur ulang kata sandi dan menerima pemberitahuan. Tidak pernah ditampilkan kepada orang lain. Kosongkan untuk menghapusnya.",
    confirmed: "Alamat yang sudah dikonfirmasi:",
    waiting: "Menunggu konfirmasi:",
    waiting_hint: "Buka email di alamat itu dan ikuti tautannya. Sebelum itu, tidak ada yang dikirim ke sana.",
    save: "Simpan alamat email",
    sent: "Tautan konfirmasi sudah dikirim. Buka email Anda dan ikuti tautannya.",
    removed: "Alamat email sudah dihapus.",
    confirm_title: "Konfirmasi alamat email",
    confirm_lead: "Tekan tombol di bawah ini untuk memakai alamat email ini di akun Rembuk Anda.",
    confirm_button: "Konfirmasi",
    done: "Alamat email Anda sudah dikonfirmasi.",
    to_settings: "Ke Pengaturan",
};

const EN: EMsg = EMsg {
    section: "Email",
    label: "Email address (optional)",
    hint: "For resetting your password and getting notifications. Never shown to anyone else. Leave it empty to remove it.",
    confirmed: "Confirmed address:",
    waiting: "Waiting for confirmation:",
    waiting_hint: "Open the email at that address and follow its link. Until then nothing is sent there.",
    save: "Save email address",
    sent: "We sent a confirmation link. Open your email and follow the link.",
    removed: "Your email address has been removed.",
    confirm_title: "Confirm your email address",
    confirm_lead: "Press the button below to use this email address for your Rembuk account.",
    confirm_button: "Confirm",
    done: "Your email address is confirmed.",
    to_settings: "Go to Settings",
};

pub fn emsg(lang: Lang) -> &'static EMsg {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}
