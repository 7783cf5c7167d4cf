//! Messages of the area picker, the area admin pages and the official
//! list's import, in both languages.
use crate::model::Lang;

pub struct AMsg {
    pub pick_title: &'static str,
    pub pick_intro: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub results_heading: &'static str,
    pub no_results: &'static str,
    pub more_results: &'static str,
    pub browse_heading: &'static str,
    pub all_provinces: &'static str,
    pub choose: &'static str,
    pub change: &'static str,
    pub none_chosen: &'static str,
    pub all_areas: &'static str,
    pub back_to_form: &'static str,
    pub suggestions: &'static str,
    pub inactive: &'static str,
    pub code: &'static str,
    pub provinces_heading: &'static str,
    pub find_area: &'static str,
    pub my_areas: &'static str,
    pub home_area_hint: &'static str,
    pub admin_title: &'static str,
    pub admin_intro: &'static str,
    pub show: &'static str,
    pub agencies_here: &'static str,
    pub no_agencies_here: &'static str,
    pub agency_name: &'static str,
    pub agency_short: &'static str,
    pub retired_label: &'static str,
    pub save: &'static str,
    pub add_agency: &'static str,
    pub responsibilities_heading: &'static str,
    pub set_here: &'static str,
    pub inherited_from: &'static str,
    pub nobody: &'static str,
    pub inherit_option: &'static str,
    pub import_heading: &'static str,
    pub import_hint: &'static str,
    pub import_button: &'static str,
    pub add_area_heading: &'static str,
    pub area_name: &'static str,
    pub area_kind: &'static str,
    pub add_area_button: &'static str,
    pub categories_heading: &'static str,
    pub slug: &'static str,
    pub name_id: &'static str,
    pub name_en: &'static str,
    pub add_category: &'static str,
    pub saved_notice: &'static str,
    pub nav_areas: &'static str,
}

pub const ID: AMsg = AMsg {
    pick_title: "Pilih wilayah",
    pick_intro: "Cari nama desa, kelurahan, kecamatan atau kabupaten/kota, atau telusuri mulai dari provinsi.",
    search_label: "Nama wilayah",
    search_hint: "Misalnya: Plaju, Dauh Puri, Palembang",
    search_button: "Cari",
    results_heading: "Hasil pencarian",
    no_results: "Tidak ada wilayah dengan nama itu. Periksa ejaannya, atau telusuri mulai dari provinsi.",
    more_results: "Hanya 20 hasil pertama yang ditampilkan. Ketik nama yang lebih lengkap.",
    browse_heading: "Telusuri wilayah",
    all_provinces: "Semua provinsi",
    choose: "Pilih",
    change: "Ganti wilayah",
    none_chosen: "Belum ada wilayah yang dipilih.",
    all_areas: "Semua wilayah",
    back_to_form: "Kembali tanpa memilih",
    suggestions: "Wilayah yang cocok",
    inactive: "tidak lagi ada di daftar resmi",
    code: "Kode wilayah",
    provinces_heading: "Provinsi",
    find_area: "Cari kelurahan atau desa Anda",
    my_areas: "Wilayah Anda",
    home_area_hint: "Desa atau kelurahan tempat Anda tinggal. Anda bisa mengubahnya nanti.",
    admin_title: "Wilayah dan instansi",
    admin_intro: "Pilih wilayah untuk mengatur instansi yang melayaninya dan siapa menjawab kategori apa. Pengaturan berlaku juga untuk wilayah di bawahnya, kecuali diatur lain di sana.",
    show: "Tampilkan",
    agencies_here: "Instansi yang melayani wilayah ini",
    no_agencies_here: "Belum ada instansi yang melayani wilayah ini secara langsung.",
    agency_name: "Nama instansi",
    agency_short: "Singkatan",
    retired_label: "Tidak aktif lagi",
    save: "Simpan",
    add_agency: "Tambah instansi",
    responsibilities_heading: "Siapa menjawab apa",
    set_here: "Diatur di sini",
    inherited_from: "Mengikuti",
    nobody: "Belum ada instansi yang menjawab kategori ini.",
    inherit_option: "(ikuti wilayah di atas)",
    import_heading: "Impor instansi pemda (CSV)",
    import_hint: "Baris pertama: name,short_name,categories. Kategori ditulis dengan kodenya, dipisah spasi. Contoh: Dinas Kesehatan,Dinkes,kesehatan",
    import_button: "Impor",
    add_area_heading: "Tambah wilayah yang belum ada di daftar resmi",
    area_name: "Nama wilayah",
    area_kind: "Jenis (misalnya Desa, Kampung, Distrik)",
    add_area_button: "Tambah wilayah",
    categories_heading: "Kategori",
    slug: "Kode (huruf kecil, angka, tanda hubung)",
    name_id: "Nama (Bahasa Indonesia)",
    name_en: "Nama (English)",
    add_category: "Tambah kategori",
    saved_notice: "Tersimpan.",
    nav_areas: "Wilayah dan instansi",
};

pub const EN: AMsg = AMsg {
    pick_title: "Choose an area",
    pick_intro: "Search for a village, district or regency/city by name, or step down from the province.",
    search_label: "Area name",
    search_hint: "For example: Plaju, Dauh Puri, Palembang",
    search_button: "Search",
    results_heading: "Search results",
    no_results: "No area has that name. Check the spelling, or step down from the province.",
    more_results: "Only the first 20 matches are shown. Type more of the name.",
    browse_heading: "Step down the areas",
    all_provinces: "All provinces",
    choose: "Choose",
    change: "Change area",
    none_chosen: "No area chosen yet.",
    all_areas: "All areas",
    back_to_form: "Go back without choosing",
    suggestions: "Matching areas",
    inactive: "no longer on the official list",
    code: "Area code",
    provinces_heading: "Provinces",
    find_area: "Find your village",
    my_areas: "Your area",
    home_area_hint: "The village (desa or kelurahan) where you live. You can change it later.",
    admin_title: "Areas and agencies",
    admin_intro: "Choose an area to set the agencies serving it and who answers for which category. Settings also apply to the areas below it unless set there.",
    show: "Show",
    agencies_here: "Agencies serving this area",
    no_agencies_here: "No agency serves this area directly yet.",
    agency_name: "Agency name",
    agency_short: "Short name",
    retired_label: "Retired",
    save: "Save",
    add_agency: "Add an agency",
    responsibilities_heading: "Who answers for what",
    set_here: "Set here",
    inherited_from: "Inherited from",
    nobody: "No agency answers for this category yet.",
    inherit_option: "(as the area above)",
    import_heading: "Import a pemda's agencies (CSV)",
    import_hint: "First line: name,short_name,categories. Categories by their codes, separated by spaces. Example: Dinas Kesehatan,Dinkes,kesehatan",
    import_button: "Import",
    add_area_heading: "Add an area missing from the official list",
    area_name: "Area name",
    area_kind: "Kind (e.g. Desa, Kampung, Distrik)",
    add_area_button: "Add the area",
    categories_heading: "Categories",
    slug: "Code (lowercase letters, digits, hyphens)",
    name_id: "Name (Indonesian)",
    name_en: "Name (English)",
    add_category: "Add a category",
    saved_notice: "Saved.",
    nav_areas: "Areas and agencies",
};

pub fn amsg(lang: Lang) -> &'static AMsg {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// What is wrong with the official list, for the person running the import.
#[cfg(feature = "ssr")]
pub fn list_error(lang: Lang, e: &crate::domain::official::ListError) -> String {
    use crate::domain::official::{ListError as E, Malformed as M};
    let en = lang == Lang::En;
    match e {
        E::Unreadable { file } if en => format!("cannot read {file}"),
        E::Unreadable { file } => format!("berkas {file} tidak dapat dibaca"),
        E::Encoding { file, line } if en => format!("{file}, line {line}: not UTF-8 text (save the file as UTF-8)"),
        E::Encoding { file, line } => format!("{file}, baris {line}: bukan teks UTF-8 (simpan berkas sebagai UTF-8)"),
        E::Header { file } if en => format!("{file}, line 1: the header must be code,[parent code,]name"),
        E::Header { file } => format!("{file}, baris 1: judul kolom harus code,[kode induk,]name"),
        E::Malformed { file, line, why } => {
            let what = match (why, en) {
                (M::Columns, true) => "wrong number of columns",
                (M::Columns, false) => "jumlah kolom salah",
                (M::Code, true) => {
                    "the code is not of the form 51, 51.71, 51.71.03 or 51.71.03.1005 expected in this file"
                }
                (M::Code, false) => "kode tidak berbentuk 51, 51.71, 51.71.03 atau 51.71.03.1005 sesuai berkas ini",
                (M::NotUnderParent, true) => "the code does not begin with its parent's code",
                (M::NotUnderParent, false) => "kode tidak diawali kode induknya",
                (M::EmptyName, true) => "the name is empty or holds control characters",
                (M::EmptyName, false) => "nama kosong atau berisi karakter kendali",
                (M::RegencyName, true) => "a regency's name must begin with \"Kabupaten \" or \"Kota \"",
                (M::RegencyName, false) => "nama kabupaten/kota harus diawali \"Kabupaten \" atau \"Kota \"",
                (M::Province, true) => "no province has this code (its time zone is unknown)",
                (M::Province, false) => "tidak ada provinsi dengan kode ini (zona waktunya tidak diketahui)",
            };
            if en {
                format!("{file}, line {line}: {what}")
            } else {
                format!("{file}, baris {line}: {what}")
            }
        }
        E::Duplicate { file, line, code } if en => format!("{file}, line {line}: code {code} appears twice"),
        E::Duplicate { file, line, code } => format!("{file}, baris {line}: kode {code} muncul dua kali"),
        E::MissingParent {
            file,
            line,
            code,
            parent,
        } if en => {
            format!("{file}, line {line}: {code}'s parent {parent} is not in the list")
        }
        E::MissingParent {
            file,
            line,
            code,
            parent,
        } => {
            format!("{file}, baris {line}: induk {parent} dari {code} tidak ada di daftar")
        }
        E::NotFound { code } if en => format!("no area has the code {code}"),
        E::NotFound { code } => format!("tidak ada wilayah dengan kode {code}"),
    }
}
