//! The calls the share widget makes through `eslabon-client`.

use eslabon_client::{
    error::ClientError,
    json::Json,
    web::{Client, WriteOutcome},
};

/// Per-network totals for one URL, as the backend aggregates them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShareCounts {
    pub total: u64,
    pub per_network: Vec<(String, u64)>,
}

impl ShareCounts {
    pub fn of(&self, network: &str) -> u64 {
        self.per_network
            .iter()
            .find(|(id, _)| id == network)
            .map_or(0, |(_, n)| *n)
    }

    /// Counts one more share optimistically, before the backend has aggregated it.
    pub fn add_one(&mut self, network: &str) {
        self.total += 1;
        match self.per_network.iter_mut().find(|(id, _)| id == network) {
            Some((_, n)) => *n += 1,
            None => self.per_network.push((network.to_string(), 1)),
        }
    }

    /// Reads `{ total, networks: { id: n } }` (after the adapter's field mapping).
    pub fn from_json(item: &Json) -> Result<ShareCounts, ClientError> {
        let bad = |detail: &str| ClientError::BadResponse {
            operation: "shares.stats".into(),
            detail: detail.into(),
        };
        let per_network: Vec<(String, u64)> = match item.get("networks") {
            Some(Json::Object(entries)) => entries
                .iter()
                .filter_map(|(id, n)| n.as_u64().map(|n| (id.clone(), n)))
                .collect(),
            None | Some(Json::Null) => Vec::new(),
            Some(_) => return Err(bad("networks: expected an object of counts")),
        };
        let total = match item.get("total") {
            Some(value) => value
                .as_u64()
                .ok_or_else(|| bad("total: expected a number"))?,
            None => per_network.iter().map(|(_, n)| n).sum(),
        };
        Ok(ShareCounts { total, per_network })
    }
}

/// Records one share first-party. Offline or with the backend down, the record waits in the
/// outbox: the share itself already happened and is never refused for that.
pub async fn record_share(
    client: &Client,
    url: &str,
    network: &str,
    campaign: Option<&str>,
) -> Result<WriteOutcome, ClientError> {
    let input = Json::object([
        ("url", Json::from(url)),
        ("network", Json::from(network)),
        ("campaign", Json::from(campaign.map(str::to_string))),
    ]);
    client.send_write("shares.record", input).await
}

/// Loads the totals for a URL (and campaign, if any).
pub async fn load_counts(
    client: &Client,
    url: &str,
    campaign: Option<&str>,
) -> Result<ShareCounts, ClientError> {
    let input = Json::object([
        ("url", Json::from(url)),
        ("campaign", Json::from(campaign.map(str::to_string))),
    ]);
    let mapped = client.call("shares.stats", input).await?;
    ShareCounts::from_json(&mapped.item.unwrap_or(Json::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_counts_and_adds_optimistically() {
        let json = Json::parse(r#"{"total": 5, "networks": {"linkedin": 3, "x": 2}}"#).unwrap();
        let mut counts = ShareCounts::from_json(&json).unwrap();
        assert_eq!(
            (counts.total, counts.of("linkedin"), counts.of("email")),
            (5, 3, 0)
        );
        counts.add_one("email");
        assert_eq!((counts.total, counts.of("email")), (6, 1));
    }

    #[test]
    fn wrong_shapes_are_errors_not_panics() {
        for body in [r#"{"total": "many"}"#, r#"{"networks": [1, 2]}"#] {
            let json = Json::parse(body).unwrap();
            assert!(ShareCounts::from_json(&json).is_err(), "{body}");
        }
        let missing_total = Json::parse(r#"{"networks": {"x": 4}}"#).unwrap();
        assert_eq!(ShareCounts::from_json(&missing_total).unwrap().total, 4);
    }
}
