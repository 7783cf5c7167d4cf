pub mod account;
pub mod admin;
pub mod area;
pub mod home;
pub mod not_found;
pub mod profile;
pub mod settings;
