//! Photos and a point on the map, as pages show them.
use serde::{Deserialize, Serialize};

/// One photo of an item: its thumbnail's size (so the page keeps its place
/// while it loads) and the display copy's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoView {
    /// The photo's address: `/photos/{key}/t.jpg`, `/photos/{key}/d.jpg`.
    pub key: String,
    pub position: i64,
    pub thumb_width: i64,
    pub thumb_height: i64,
    /// Hidden by a moderator: shown to nobody but admins; the page says so.
    pub hidden: bool,
    /// The viewer may remove it (its author, while the item can change).
    pub removable: bool,
    /// The viewer may hide it (a moderator of the item's area).
    pub hideable: bool,
}

/// A point, in millionths of a degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeoPoint {
    pub lat_e6: i64,
    pub lon_e6: i64,
}

impl GeoPoint {
    fn degrees(v: i64) -> String {
        let sign = if v < 0 { "-" } else { "" };
        let v = v.unsigned_abs();
        format!("{sign}{}.{:06}", v / 1_000_000, v % 1_000_000)
    }
    pub fn lat(&self) -> String {
        Self::degrees(self.lat_e6)
    }
    pub fn lon(&self) -> String {
        Self::degrees(self.lon_e6)
    }
    /// The phone's map app (RFC 5870).
    pub fn geo_uri(&self) -> String {
        format!("geo:{},{}", self.lat(), self.lon())
    }
    pub fn osm_url(&self) -> String {
        format!(
            "https://www.openstreetmap.org/?mlat={0}&mlon={1}#map=17/{0}/{1}",
            self.lat(),
            self.lon()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::GeoPoint;

    #[test]
    fn points_print_as_decimal_degrees() {
        let p = GeoPoint {
            lat_e6: -8_670_500,
            lon_e6: 115_212_600,
        };
        assert_eq!(p.geo_uri(), "geo:-8.670500,115.212600");
        assert!(p.osm_url().contains("mlat=-8.670500&mlon=115.212600"));
        let near = GeoPoint {
            lat_e6: -500,
            lon_e6: 5,
        };
        assert_eq!((near.lat(), near.lon()), ("-0.000500".into(), "0.000005".into()));
    }
}
