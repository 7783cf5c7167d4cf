pub use crate::components::status::NotFound;
